// The app's state. It lives in import.meta.hot.data, so it survives edits of
// this file too (writing to data makes the module accept its own updates).
export interface State {
  count: number;
  notes: string[];
}

export const state: State = (import.meta.hot?.data.state as State | undefined) ?? {
  count: 0,
  notes: [],
};
if (import.meta.hot) import.meta.hot.data.state = state;

export function increment(by: number = 1): void {
  state.count += by;
}

export function addNote(text: string): void {
  if (text.trim() !== "") state.notes.push(text.trim());
}
