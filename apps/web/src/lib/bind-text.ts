/** A controlled text field's `value` and `onChange` for a string state: `<TextInput {...bindText(name, setName)} />`. */
export function bindText(value: string, set: (value: string) => void) {
  return { value, onChange: (e: { currentTarget: { value: string } }) => set(e.currentTarget.value) };
}
