"""The text layer: plain functions over strings, no spaCy. Readers and components alike use it
for sections (title, body, references), sentences, lines and paragraphs, case folding that keeps
offsets, word-list alternations and number parsing."""
