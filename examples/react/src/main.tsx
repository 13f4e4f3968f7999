import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

// The entry renders the root: it exports no component, so an edit of it
// reloads the page. Edit App.tsx or Counter.tsx instead: their state stays.
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
