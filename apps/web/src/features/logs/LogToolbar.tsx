import { ActionIcon, Button, Group, Popover, SegmentedControl, Select, Stack, Switch, TextInput, Tooltip } from '@mantine/core';
import { memo, useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { gated, useCan } from '../../lib/role.ts';
import { LOG_LEVELS, type LogLevel } from '@porthole/shared/log-levels';

export interface LogSettings {
  tail: number | 'all';
  since: string;
  until: string;
  q: string;
  regex: boolean;
  caseSensitive: boolean;
  mode: 'highlight' | 'filter';
  timestamps: boolean;
  wrap: boolean;
  /** Show only entries of these levels (none: every line). */
  levels: LogLevel[];
}

/** The log view's settings, kept in the URL so a view is linkable. */
export function useLogSettings(): [LogSettings, (patch: Partial<LogSettings>) => void] {
  const [params, setParams] = useSearchParams();
  // One object (and one `update`) per URL state: a live log re-renders many times a second, and
  // the memoised toolbar and rows below must see the same props to skip those renders.
  const key = params.toString();
  const settings = useMemo((): LogSettings => {
    const tailParam = params.get('tail') ?? '1000';
    return {
      tail: tailParam === 'all' ? 'all' : Number(tailParam) || 1000,
      since: params.get('since') ?? '',
      until: params.get('until') ?? '',
      q: params.get('q') ?? '',
      regex: params.get('regex') === '1',
      caseSensitive: params.get('case') === '1',
      mode: params.get('mode') === 'filter' ? 'filter' : 'highlight',
      timestamps: params.get('ts') === '1',
      wrap: params.get('wrap') === '1',
      levels: LOG_LEVELS.filter((l) => (params.get('lv') ?? '').split(',').includes(l)),
    };
  }, [key]);
  const update = useCallback(
    (patch: Partial<LogSettings>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const set = (k: string, v: string | undefined) => (v ? next.set(k, v) : next.delete(k));
          const s = { ...settings, ...patch };
          set('tail', s.tail === 1000 ? undefined : String(s.tail));
          set('since', s.since);
          set('until', s.until);
          set('q', s.q);
          set('regex', s.regex ? '1' : undefined);
          set('case', s.caseSensitive ? '1' : undefined);
          set('mode', s.mode === 'filter' ? 'filter' : undefined);
          set('ts', s.timestamps ? '1' : undefined);
          set('wrap', s.wrap ? '1' : undefined);
          set('lv', s.levels.join(',') || undefined);
          return next;
        },
        { replace: true },
      );
    },
    [setParams, settings],
  );
  return [settings, update];
}

const TIME_HINT = '5m, 2h or a date';

export const LogToolbar = memo(function LogToolbar({
  settings,
  update,
  searchError,
  onNextMatch,
  downloadUrl,
  onDownload,
}: {
  settings: LogSettings;
  update(p: Partial<LogSettings>): void;
  searchError?: string;
  onNextMatch?(backwards: boolean): void;
  downloadUrl?: string;
  /** Instead of a URL: builds the file in the browser (the merged view). */
  onDownload?(): void;
}) {
  const download = useCan('logs.download');
  return (
    <Group gap="xs" mt={2} mb={4} align="center" wrap="wrap" data-testid="log-toolbar">
      <TextInput
        aria-label="Search"
        placeholder={settings.regex ? 'Search (regular expression)' : 'Search'}
        value={settings.q}
        onChange={(e) => update({ q: e.currentTarget.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onNextMatch?.(e.shiftKey);
        }}
        data-shortcut="filter"
        error={searchError}
        w={260}
        size="xs"
        rightSectionWidth={58}
        rightSection={
          <Group gap={2} wrap="nowrap">
            <Tooltip label="Regular expression">
              <ActionIcon
                size="sm"
                variant={settings.regex ? 'filled' : 'subtle'}
                aria-label="Regular expression"
                aria-pressed={settings.regex}
                onClick={() => update({ regex: !settings.regex })}
              >
                .*
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Match case">
              <ActionIcon
                size="sm"
                variant={settings.caseSensitive ? 'filled' : 'subtle'}
                aria-label="Match case"
                aria-pressed={settings.caseSensitive}
                onClick={() => update({ caseSensitive: !settings.caseSensitive })}
              >
                Aa
              </ActionIcon>
            </Tooltip>
          </Group>
        }
      />
      <SegmentedControl
        size="xs"
        aria-label="Search mode"
        value={settings.mode}
        onChange={(v) => update({ mode: v as LogSettings['mode'] })}
        data={[
          { value: 'highlight', label: 'Highlight' },
          { value: 'filter', label: 'Only matching' },
        ]}
      />
      <LogOptions settings={settings} update={update} />
      {downloadUrl && (
        <Button component="a" href={downloadUrl} download size="xs" variant="default" {...gated(download)}>
          Download
        </Button>
      )}
      {onDownload && (
        <Button size="xs" variant="default" {...gated(download)} onClick={onDownload}>
          Download
        </Button>
      )}
    </Group>
  );
});

const optionsSummary = (s: LogSettings) =>
  [
    s.tail === 'all' ? 'all lines' : `last ${s.tail}`,
    s.since && `since ${s.since}`,
    s.until && `until ${s.until}`,
    s.timestamps && 'times',
    s.wrap && 'wrap',
  ]
    .filter(Boolean)
    .join(' · ');

/** What to read and how to show it, in a menu: the toolbar stays one row and the log gets the height. */
function LogOptions({ settings, update }: { settings: LogSettings; update(p: Partial<LogSettings>): void }) {
  return (
    <Popover position="bottom-start" shadow="md" withinPortal>
      <Popover.Target>
        <Button size="xs" variant="default">
          Options: {optionsSummary(settings)}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Select
            label="Tail"
            size="xs"
            w={180}
            value={String(settings.tail)}
            onChange={(v) => update({ tail: v === 'all' ? 'all' : Number(v ?? 1000) })}
            data={[
              { value: '100', label: '100' },
              { value: '1000', label: '1000' },
              { value: '10000', label: '10000' },
              { value: 'all', label: 'all' },
            ]}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
          />
          <TextInput
            label="Since"
            placeholder={TIME_HINT}
            size="xs"
            w={180}
            defaultValue={settings.since}
            onBlur={(e) => update({ since: e.currentTarget.value.trim() })}
            onKeyDown={(e) => e.key === 'Enter' && update({ since: e.currentTarget.value.trim() })}
          />
          <TextInput
            label="Until"
            placeholder={TIME_HINT}
            size="xs"
            w={180}
            defaultValue={settings.until}
            onBlur={(e) => update({ until: e.currentTarget.value.trim() })}
            onKeyDown={(e) => e.key === 'Enter' && update({ until: e.currentTarget.value.trim() })}
          />
          <Switch
            size="xs"
            label="Timestamps"
            checked={settings.timestamps}
            onChange={(e) => update({ timestamps: e.currentTarget.checked })}
          />
          <Switch size="xs" label="Wrap" checked={settings.wrap} onChange={(e) => update({ wrap: e.currentTarget.checked })} />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
