import { type ComponentPropsWithoutRef, type ReactNode, useId } from 'react';

type Props = { label?: ReactNode; indeterminate?: boolean } & Omit<ComponentPropsWithoutRef<'input'>, 'type'>;

/**
 * The browser's own checkbox in the theme's colour (`.plain-checkbox` in global.css): for the
 * selection column of every table and the list filters. Mantine's Checkbox would bring 3.5 kB
 * (gzip) of code and styles into the containers list's first load for the same box.
 */
export function PlainCheckbox({ label, indeterminate = false, id, ...rest }: Props) {
  const ownId = useId();
  const inputId = id ?? ownId;
  const input = (
    <input
      id={inputId}
      type="checkbox"
      className="plain-checkbox"
      ref={(el) => {
        if (el) el.indeterminate = indeterminate;
      }}
      {...rest}
    />
  );
  if (label === undefined) return input;
  return (
    <label className="plain-checkbox-label" htmlFor={inputId}>
      {input}
      <span>{label}</span>
    </label>
  );
}
