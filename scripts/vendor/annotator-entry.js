// The part of @apache-annotator/dom the pages use, bundled by esbuild into one classic script
// exposing `window.ApacheAnnotator` (the package itself is ESM with dependencies).
export {
  createTextPositionSelectorMatcher,
  createTextQuoteSelectorMatcher,
  describeTextPosition,
  describeTextQuote,
  highlightText,
} from '@apache-annotator/dom';
