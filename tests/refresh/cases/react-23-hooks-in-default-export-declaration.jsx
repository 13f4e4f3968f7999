export default function Bar () {
  useContext(X)
  return <Foo />
};