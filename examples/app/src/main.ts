// Entry point. Editing view.ts or greeting.ts redraws in place and keeps the
// count and the notes; editing this file reloads the page (nothing accepts it).
import { addNote, increment, state } from "./store.ts";
import { render } from "./view.ts";

const root = document.getElementById("app") as HTMLElement;

function draw(): void {
  render(root, state, {
    increment: () => {
      increment();
      draw();
    },
    addNote: (text: string) => {
      addNote(text);
      draw();
    },
  });
}

draw();

if (import.meta.hot) {
  // render and greeting are patched to their new versions before this runs.
  import.meta.hot.accept("./view.ts", () => draw());
  // store.ts accepts itself; draw again so its new code shows at once.
  import.meta.hot.on("bun:afterUpdate", () => draw());
}
