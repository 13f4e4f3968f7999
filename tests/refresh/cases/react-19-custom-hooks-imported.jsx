import {useFancyState} from './hooks';

export default function App() {
  const bar = useFancyState();
  return <h1>{bar}</h1>;
}
