// Renders the state; knows nothing of HMR. main.ts accepts its updates.
import { greeting } from "./greeting.ts";
import type { State } from "./store.ts";

export interface Actions {
  increment(): void;
  addNote(text: string): void;
}

export function render(root: HTMLElement, state: State, actions: Actions): void {
  root.replaceChildren();
  const title = document.createElement("h1");
  title.id = "greeting";
  title.textContent = greeting;

  const count = document.createElement("p");
  count.className = "count";
  count.id = "count";
  count.textContent = String(state.count);

  const button = document.createElement("button");
  button.id = "increment";
  button.textContent = "+1";
  button.addEventListener("click", () => actions.increment());

  const input = document.createElement("input");
  input.id = "note";
  input.placeholder = "a note, then Enter";
  input.addEventListener("keydown", (event: KeyboardEvent) => {
    if (event.key === "Enter") actions.addNote(input.value);
  });

  const notes = document.createElement("ul");
  notes.id = "notes";
  for (const note of state.notes) {
    const item = document.createElement("li");
    item.textContent = note;
    notes.append(item);
  }
  root.append(title, count, button, input, notes);
}
