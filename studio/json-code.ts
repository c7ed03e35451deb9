/**
 * The JSON tab's editor: CodeMirror 6 with JSON highlighting, folding, bracket matching and JSON
 * syntax linting. Loaded lazily (a chunk of its own, fetched when the JSON tab first opens), so the rest of
 * the studio does not carry it. Tab is not captured: it moves focus on, as everywhere in the studio.
 */
import { EditorView, minimalSetup } from 'codemirror';
import { lineNumbers } from '@codemirror/view';
import { bracketMatching, foldGutter, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';

export interface JsonCode {
  /** Replaces the text when it changed elsewhere (a panel edit, undo), keeping the cursor where it can. */
  set(text: string): void;
  destroy(): void;
}

export function mountJsonCode(parent: HTMLElement, options: { text: string; readOnly: boolean; label: string; describedBy: string; onChange(text: string): void }): JsonCode {
  let applying = false;
  const view = new EditorView({
    parent,
    doc: options.text,
    extensions: [
      // minimalSetup (history, keymaps, selection) plus what a JSON document needs; not the whole
      // basicSetup (search, autocompletion), which would triple the chunk.
      minimalSetup,
      lineNumbers(),
      foldGutter(),
      bracketMatching(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      json(),
      linter(jsonParseLinter()),
      lintGutter(),
      EditorView.editable.of(!options.readOnly),
      EditorView.contentAttributes.of({ id: 'json-editor', tabindex: '0', 'aria-label': options.label, 'aria-describedby': options.describedBy, 'aria-multiline': 'true', role: 'textbox' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !applying) options.onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    set(text) {
      if (text === view.state.doc.toString()) return;
      applying = true;
      const head = Math.min(view.state.selection.main.head, text.length);
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: head } });
      applying = false;
    },
    destroy: () => view.destroy(),
  };
}
