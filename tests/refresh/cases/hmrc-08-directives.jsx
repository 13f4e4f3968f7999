export function Counter() {
  "use memo"
  const [n, setN] = useState(0);
  function useInner() {
    'use strict';
    return useRef(null);
  }
  const ref = useInner();
  return <b ref={ref}>{n}</b>;
}
