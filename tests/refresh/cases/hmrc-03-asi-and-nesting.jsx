"use client"
import React, { useState, useEffect } from "react"
const Row = ({ item }) => {
  const [open, setOpen] = useState(false)
  useEffect(() => { setOpen(true) }, [])
  return <li>{item}</li>
}
export const List = React.memo(function List({ items }) {
  const rows = items.map((item) => <Row key={item} item={item} />)
  function useLocal() { return useState(1) }
  const [a] = useLocal()
  return <ul>{rows}{a}</ul>
})
let Panel = (props) => (
  <section>{props.children}</section>
)
export { Row }
