// The server -> page messages of the WebSocket protocol (docs/hmr-design.md),
// as the browser client passes them in.
import { applyUpdate } from "./apply.js";
import { emit } from "./events.js";
import { reload } from "./reload.js";

/**
 * Handles one server -> page message of the WebSocket protocol
 * (docs/hmr-design.md); the browser client passes every message here.
 */
export function handleMessage(message) {
  switch (message?.type) {
    case "update":
      return applyUpdate(message.modules ?? [], { timestamp: message.timestamp });
    case "full-reload":
      return Promise.resolve(reload(message.reason ?? "the server asked for a full reload"));
    case "custom":
      emit(message.event, message.data);
      return Promise.resolve({ status: "event" });
    case "error":
      for (const e of message.errors ?? []) {
        emit("error", {
          type: "error",
          err: {
            message: e.message,
            stack: "",
            id: e.file,
            frame: e.frame,
            loc: { file: e.file, line: e.line, column: e.column },
            code: e.code,
          },
        });
      }
      return Promise.resolve({ status: "error" });
    default:
      return Promise.resolve({ status: "ignored" });
  }
}
