// Benchmark 2: first page load. Cold: the server was just started (its port
// accepts connections) and the browser has a fresh profile, so nothing is
// compiled or cached anywhere. Warm: the same server and profile, the page
// loaded before; navigate to it again. The figure is window.__ready, set by
// main.ts once the whole tree is rendered: ms from navigation start.
import { launch } from './browser.mjs';
import { gotoReady, loadFigures, openApp } from './latency.mjs';
import { startServer } from './servers.mjs';

export async function firstLoad(tool, appDir, shape, { warmRuns, log }) {
  const server = await startServer(tool, appDir);
  let browser;
  try {
    browser = await launch();
    const page = await openApp(browser.context, server.url + '/', 120000).catch((e) => {
      throw new Error(`${tool}: cold load: ${e.message}`);
    });
    const cold = await page.evaluate(loadFigures);
    check(tool, cold, shape);
    const warm = [], warmFigures = [];
    for (let i = 0; i < warmRuns; i++) {
      const r = await gotoReady(page, server.url + '/');
      check(tool, r, shape);
      warm.push(r.ready);
      warmFigures.push(r);
    }
    log(`${tool}: first load cold ${cold.ready.toFixed(0)} ms, warm ${warm.map((x) => x.toFixed(0)).join(' ')} ms (server listening after ${server.startMs.toFixed(0)} ms)`);
    return { cold: cold.ready, warm, startMs: server.startMs, coldFigures: cold, warmFigures };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

// Every leaf rendered, or the figure means nothing.
function check(tool, r, shape) {
  if (r.leaves !== shape.leaves || r.elements !== shape.leaves) throw new Error(`${tool}: the page rendered ${r.elements} leaf elements (main.ts counted ${r.leaves}), expected ${shape.leaves}`);
}
