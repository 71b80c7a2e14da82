import ReactMarkdown from "react-markdown";

/** The API descriptions' Markdown (code spans, emphasis, links, lists) as elements, never raw HTML. */
export function Markdown({ children }: { children: string }) {
  return (
    <ReactMarkdown allowedElements={["p", "code", "strong", "em", "a", "ul", "ol", "li"]} unwrapDisallowed skipHtml>
      {children}
    </ReactMarkdown>
  );
}
