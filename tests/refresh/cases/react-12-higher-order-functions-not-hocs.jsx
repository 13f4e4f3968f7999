const throttledAlert = throttle(function() {
  alert('Hi');
});
const TooComplex = (function() { return hello })(() => {});
if (cond) {
  const Foo = thing(() => {});
}
