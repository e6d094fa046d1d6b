import { BaseEdge, type Edge, type EdgeProps } from '@xyflow/react';
import type { Point } from './layout.ts';

export type RoutedEdgeData = { route: Point[]; labelAt: 'start' | 'end' };

const RADIUS = 8;

/** An orthogonal path through `points`, its corners rounded. */
export function routedPath(points: Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M ${first.x} ${first.y}`;
  rest.forEach((p, i) => {
    const prev = points[i] as Point;
    const next = rest[i + 1];
    if (!next) {
      d += ` L ${p.x} ${p.y}`;
      return;
    }
    // Stop short of the corner, and curve round it towards the next point.
    const r = Math.min(RADIUS, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const before = { x: p.x - Math.sign(p.x - prev.x) * r, y: p.y - Math.sign(p.y - prev.y) * r };
    const after = { x: p.x + Math.sign(next.x - p.x) * r, y: p.y + Math.sign(next.y - p.y) * r };
    d += ` L ${before.x} ${before.y} Q ${p.x} ${p.y} ${after.x} ${after.y}`;
  });
  return d;
}

/**
 * An edge drawn along the course the layout routed through the gutters (layout.ts), so it never
 * crosses a box it does not connect. Its label sits on its first leg (a bridge's aliases, by the
 * container) or its last (published ports, by the host).
 */
export function RoutedEdge({ data, label, style, markerEnd, labelStyle, labelBgStyle }: EdgeProps<Edge<RoutedEdgeData>>) {
  const route = data?.route ?? [];
  const [a, b] = data?.labelAt === 'end' ? route.slice(-2) : route.slice(0, 2);
  return (
    <BaseEdge
      path={routedPath(route)}
      style={style}
      markerEnd={markerEnd}
      label={label}
      labelX={a && b ? (a.x + b.x) / 2 : undefined}
      labelY={a && b ? (a.y + b.y) / 2 : undefined}
      labelStyle={labelStyle}
      labelBgStyle={labelBgStyle}
    />
  );
}
