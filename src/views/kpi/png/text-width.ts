/**
 * Text width for Vega's layout when no canvas is installed. Vega's own estimate (0.8 em per character)
 * is too narrow for Japanese, so legend entries and labels overlapped. These advances come from the
 * bundled font (Noto Sans CJK JP, 1000 units per em), read with fontTools when the subset was made.
 */

// Advance widths of U+0020..U+007E in the bundled font, per 1000 em.
const ASCII_ADVANCES = [
  224, 323, 474, 555, 555, 921, 680, 278, 338, 338, 467, 555, 278, 347, 278, 392, 555, 555, 555, 555, 555, 555, 555, 555, 555, 555, 278, 278, 555, 555, 555, 474, 946, 608, 657,
  638, 688, 589, 552, 689, 728, 293, 535, 646, 543, 812, 723, 742, 633, 742, 635, 596, 599, 721, 575, 878, 573, 531, 603, 338, 392, 338, 555, 559, 606, 563, 618, 510, 620, 554,
  325, 564, 607, 275, 275, 552, 284, 926, 610, 606, 620, 620, 388, 468, 377, 607, 521, 802, 498, 521, 475, 338, 270, 338, 555,
];

// Latin-1 and general punctuation average about this in the font; CJK and full-width forms are 1 em.
const OTHER_NARROW = 560;
const WIDE = 1000;

function isWide(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) || // CJK radicals, punctuation, kana, ideographs
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code === 0x2026 // … is full width in this font
  );
}

/** Width in pixels of `text` at `fontSize` px in the bundled font, ignoring kerning. */
export function bundledTextWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) units += ASCII_ADVANCES[code - 0x20] ?? OTHER_NARROW;
    else units += isWide(code) ? WIDE : OTHER_NARROW;
  }
  return (units * fontSize) / 1000;
}
