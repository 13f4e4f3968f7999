// Types for `import.meta.hot` under hmrc (`hmrc runtime --types`, served at
// /@hmrc/types.d.ts). Use it as `vite/client` or bun-types: save it as
// `hmrc-env.d.ts` in the project (or list it in tsconfig "types"/"files").
// `import.meta.hot` is declared present, as bun-types does: hmrc --prod
// removes every use, so `import.meta.hot.accept()` needs no guard; `if
// (import.meta.hot)`, `import.meta.hot?.` and `import.meta.hot!` type-check too.

export {};

declare global {
  /** A module namespace as `accept` callbacks receive it. */
  type HmrcModuleNamespace = Record<string, any> & { [Symbol.toStringTag]: "Module" };

  interface HmrcUpdate {
    type: "js-update";
    /** The module that accepted the update. */
    path: string;
    /** The module whose change it accepted (itself for a self-accepting module). */
    acceptedPath: string;
    timestamp: number;
  }

  interface HmrcUpdatePayload {
    type: "update";
    updates: HmrcUpdate[];
  }

  interface HmrcFullReloadPayload {
    type: "full-reload";
    path?: string;
    /** Why: e.g. `Module "src/c.ts" is not accepted by src/b.ts, imported by "src/index.ts"`. */
    reason?: string;
  }

  interface HmrcPrunePayload {
    type: "prune";
    paths: string[];
  }

  interface HmrcInvalidatePayload {
    path: string;
    message: string | undefined;
    firstInvalidatedBy: string;
  }

  interface HmrcErrorPayload {
    type: "error";
    err: {
      message: string;
      stack: string;
      id?: string;
      frame?: string;
      code?: string;
      loc?: { file?: string; line?: number; column?: number };
    };
  }

  interface HmrcWebSocketPayload {
    webSocket: WebSocket;
  }

  /** Built-in events, without their prefix. */
  interface HmrcEventMap {
    beforeUpdate: HmrcUpdatePayload;
    afterUpdate: HmrcUpdatePayload;
    beforeFullReload: HmrcFullReloadPayload;
    beforePrune: HmrcPrunePayload;
    invalidate: HmrcInvalidatePayload;
    error: HmrcErrorPayload;
    "ws:disconnect": HmrcWebSocketPayload;
    "ws:connect": HmrcWebSocketPayload;
  }

  /**
   * Every built-in event under both its Bun and Vite name, plus custom events.
   * Extend it to type your own: `interface HmrcCustomEventMap { "my:event": { n: number } }`.
   */
  type HmrcHotEventMap = { [K in keyof HmrcEventMap as `bun:${K}` | `vite:${K}`]: HmrcEventMap[K] } &
    HmrcCustomEventMap;

  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface HmrcCustomEventMap {}

  type HmrcEventPayload<E extends string> = E extends keyof HmrcHotEventMap ? HmrcHotEventMap[E] : any;

  interface HmrcHot {
    /** Persistent across instances of this module; writing to it makes the module self-accepting. */
    readonly data: any;

    /** The module accepts its own updates: it is re-run and its importers see the new exports. */
    accept(): void;
    /** Self-accepting; `cb` gets the new module (undefined if it failed to load) instead of importers being patched. */
    accept(cb: (newModule: HmrcModuleNamespace | undefined) => void): void;
    /** Accepts updates of a dependency (and of anything below it). */
    accept(dep: string, cb: (newModule: HmrcModuleNamespace | undefined) => void): void;
    /** Accepts updates of several dependencies; unchanged or failed ones are undefined. */
    accept(
      deps: readonly string[],
      cb: (newModules: Array<HmrcModuleNamespace | undefined>) => void,
    ): void;
    /** As Vite's: hmrc patches every export, so this is `accept(cb)`. */
    acceptExports(exportNames: string | readonly string[], cb?: (newModule: HmrcModuleNamespace | undefined) => void): void;

    /** Runs before this instance is replaced or pruned; a returned promise delays the update. */
    dispose(cb: (data: any) => void | Promise<void>): void;
    /** Runs when no module imports this one any more. */
    prune(cb: (data: any) => void | Promise<void>): void;
    /** Accepted and does nothing, as in Vite and Bun. */
    decline(): void;
    /** Gives up accepting the current update: it propagates to the importers. */
    invalidate(message?: string): void;

    on<E extends string>(event: E, cb: (payload: HmrcEventPayload<E>) => void): void;
    off<E extends string>(event: E, cb: (payload: HmrcEventPayload<E>) => void): void;
    /** A custom event to the dev server, which passes it on to the other pages. */
    send<E extends string>(event: E, data?: HmrcEventPayload<E>): void;
  }

  interface ImportMeta {
    /** The HMR API: an object under `hmrc --dev`, removed by `hmrc --prod`. */
    readonly hot: HmrcHot;
  }
}
