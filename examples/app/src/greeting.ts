// A leaf module: an edit here bubbles up through view.ts to main.ts, which
// accepts ./view.ts and draws again.
export const greeting: string = "Hello from hmrc";
