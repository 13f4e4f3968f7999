export default function() {}
