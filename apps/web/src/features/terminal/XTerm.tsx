import { useComputedColorScheme } from '@mantine/core';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';

export type TerminalStatus = 'connecting' | 'open' | 'closed';

const DARK = { background: '#1a1b1e', foreground: '#c1c2c5', cursor: '#c1c2c5' };
const LIGHT = { background: '#ffffff', foreground: '#212529', cursor: '#212529', selectionBackground: '#a5d8ff' };

/**
 * xterm.js bound to the terminal websocket: keystrokes out as binary frames, output in, the
 * size fitted to the element and sent to the engine on every change. Loaded only on the
 * terminal route.
 */
export default function XTerm({ url, onStatus }: { url: string; onStatus(s: TerminalStatus, message?: string): void }) {
  const host = useRef<HTMLDivElement>(null);
  const scheme = useComputedColorScheme('light');
  const term = useRef<Terminal | null>(null);
  const status = useRef(onStatus);
  status.current = onStatus;

  useEffect(() => {
    if (!host.current) return;
    const t = new Terminal({ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 13, cursorBlink: true, convertEol: false });
    term.current = t;
    const fit = new FitAddon();
    t.loadAddon(fit);
    t.open(host.current);
    fit.fit();
    const u = new URL(url, location.href);
    u.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    u.searchParams.set('cols', String(t.cols));
    u.searchParams.set('rows', String(t.rows));
    const ws = new WebSocket(u);
    ws.binaryType = 'arraybuffer';
    const enc = new TextEncoder();
    status.current('connecting');
    // Why the session ended (the process's exit code, or the server's error), kept for the close.
    let ended: string | undefined;
    ws.onmessage = (ev) => {
      if (ev.data instanceof ArrayBuffer) return t.write(new Uint8Array(ev.data));
      const msg = JSON.parse(String(ev.data)) as { type: string; code?: number; message?: string };
      if (msg.type === 'ready') status.current('open');
      else if (msg.type === 'exit') ended = `The process exited${msg.code === undefined ? '' : ` with code ${msg.code}`}`;
      else if (msg.type === 'error') ended = msg.message;
      if (ended) status.current('closed', ended);
    };
    ws.onclose = (ev) => {
      status.current('closed', ended ?? (ev.code === 1000 ? undefined : ev.reason || 'The terminal connection closed'));
    };
    const data = t.onData((d) => ws.readyState === WebSocket.OPEN && ws.send(enc.encode(d)));
    const resize = t.onResize(({ cols, rows }) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'resize', cols, rows }));
    });
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(host.current);
    t.focus();
    return () => {
      observer.disconnect();
      data.dispose();
      resize.dispose();
      ws.close();
      t.dispose();
      term.current = null;
    };
  }, [url]);

  useEffect(() => {
    if (term.current) term.current.options.theme = scheme === 'dark' ? DARK : LIGHT;
  }, [scheme]);

  return <div ref={host} data-testid="terminal" role="application" aria-label="Terminal" style={{ height: '100%', width: '100%' }} />;
}
