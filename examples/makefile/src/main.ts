import { Counter } from "./counter.js";
import { format } from "./util/format.js";

const counter = new Counter(import.meta.hot?.data.count ?? 0);
counter.increment();
console.log(format("count", counter.value));

if (import.meta.hot) {
  import.meta.hot.dispose((data) => {
    data.count = counter.value;
  });
}
