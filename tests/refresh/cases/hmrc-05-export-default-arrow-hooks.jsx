import { useState } from "react";
export default memo(() => {
  const [x, setX] = useState("a\nb");
  return <p>{x}</p>;
});
export const Styled = styled.div`
  color: red;
`;
function Uses() { return <Styled />; }
