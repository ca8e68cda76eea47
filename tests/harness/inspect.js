// Checks beyond axe on the page as it is drawn, in one call (tests/harness/inspect.py).
// Each check returns the elements that fail it, described in a few words; an empty list
// passes. Run after one Tab key press, so that a focused element shows :focus-visible as it
// does for a keyboard user. Reads element.computedName, Chromium's accessible name
// (enabled by --enable-blink-features=ComputedAccessibilityInfo, tests/harness/browser.py).
({ english, spacingCss }) => {
  const INTERACTIVE =
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, ' +
    '[tabindex]:not([tabindex="-1"])';
  const NAMED = 'a[href], button, [role="button"], [role="link"], input[type="submit"], ' +
    'input[type="button"]';
  // What shows focus: a ring (outline, shadow, border), a fill, a line, an SVG stroke.
  const FOCUS_PROPERTIES = [
    'outline-style', 'outline-width', 'outline-color', 'box-shadow', 'border-color',
    'border-width', 'background-color', 'text-decoration-line', 'stroke', 'stroke-width',
    'filter', 'r',
  ];
  // Every element that may hold text a visitor reads.
  const TEXT_TAGS = 'body *:not(script):not(style):not(svg *):not(noscript)';

  function describe(element) {
    const text = (element.innerText || element.getAttribute('aria-label') || '').trim();
    const id = element.id ? `#${element.id}` : '';
    const classes = typeof element.className === 'string' && element.className
      ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
    return `${element.tagName.toLowerCase()}${id}${classes} « ${text.slice(0, 40)} »`;
  }

  // Drawn: not display: none, visibility: hidden, nor inside a closed details.
  function rendered(element) {
    return element.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true });
  }

  // Clipped to nothing, the usual « visually hidden » text for screen readers only.
  function visuallyHidden(element) {
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      const box = node.getBoundingClientRect();
      const clipped = style.clip !== 'auto' || style.clipPath !== 'none';
      if (clipped && box.width <= 1 && box.height <= 1) return true;
    }
    return false;
  }

  function focusLook(element) {
    const parts = [element, ...element.querySelectorAll('*')].slice(0, 20);
    return parts.map((part) => {
      const style = getComputedStyle(part);
      return FOCUS_PROPERTIES.map((name) => style.getPropertyValue(name)).join('|');
    }).join('/');
  }

  // RGAA 10.7, WCAG 2.4.7: focusing each element changes how it looks.
  function focusInvisible() {
    const failures = [];
    for (const element of document.querySelectorAll(INTERACTIVE)) {
      if (element.disabled || !rendered(element)) continue;
      document.activeElement?.blur();
      const before = focusLook(element);
      element.focus();
      if (document.activeElement !== element) continue;
      const after = focusLook(element);
      if (before === after || !element.matches(':focus-visible')) {
        failures.push(describe(element));
      }
      element.blur();
    }
    return failures;
  }

  function visibleText(element) {
    if (element.matches('input')) return element.value;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const parts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (rendered(parent) && !visuallyHidden(parent)) parts.push(node.data);
    }
    return parts.join('');
  }

  // Letters and digits only: spaces and punctuation between two boxes do not count.
  function letters(text) {
    return text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  }

  // RGAA 6.1 and 11.9, WCAG 2.5.3: the accessible name contains the visible text.
  function labelNotInName() {
    const failures = [];
    for (const element of document.querySelectorAll(NAMED)) {
      if (!rendered(element)) continue;
      const visible = letters(visibleText(element));
      const name = letters(element.computedName || '');
      if (visible && !name.includes(visible)) {
        failures.push(`${describe(element)} : nom « ${element.computedName} »`);
      }
    }
    return failures;
  }

  // RGAA 9.1: one h1, and no level skipped on the way down.
  function headingProblems() {
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')]
      .filter(rendered);
    const level = (h) => Number(h.getAttribute('aria-level') || h.tagName.slice(1));
    const failures = [];
    const ones = headings.filter((h) => level(h) === 1).length;
    if (ones !== 1) failures.push(`${ones} titres de niveau 1`);
    let previous = 0;
    for (const heading of headings) {
      if (level(heading) > previous + 1) {
        failures.push(`h${level(heading)} après h${previous} : ${describe(heading)}`);
      }
      previous = level(heading);
    }
    return failures;
  }

  function ownText(element) {
    return [...element.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
  }

  // Text cut by a box that hides what overflows it (itself or an ancestor).
  function clippedText() {
    const failures = [];
    for (const element of document.querySelectorAll(TEXT_TAGS)) {
      if (!ownText(element) || !rendered(element) || visuallyHidden(element)) continue;
      const box = element.getBoundingClientRect();
      for (let node = element; node && node !== document.body; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (![style.overflowX, style.overflowY].some((v) => v === 'hidden' || v === 'clip')) {
          continue;
        }
        const frame = node.getBoundingClientRect();
        const cut = node === element
          ? node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1
          : box.right > frame.right + 1 || box.bottom > frame.bottom + 1 ||
            box.left < frame.left - 1 || box.top < frame.top - 1;
        if (cut) {
          failures.push(describe(element));
          break;
        }
      }
    }
    return failures;
  }

  function horizontalScroll() {
    const root = document.documentElement;
    return root.scrollWidth > root.clientWidth ? [`${root.scrollWidth} > ${root.clientWidth}`] : [];
  }

  // RGAA 10.12, WCAG 1.4.12: with the spacing a reader may set, no text is cut off.
  function spacingLoss() {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(spacingCss);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const failures = [...clippedText(), ...horizontalScroll()];
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    return failures;
  }

  // RGAA 10.4, WCAG 1.4.4: text alone made twice as large, no text is cut off.
  function textZoomLoss() {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('html { font-size: 200% !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const failures = clippedText();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    return failures;
  }

  function seconds(value) {
    return Math.max(...value.split(',').map((v) => parseFloat(v) * (v.trim().endsWith('ms') ? 0.001 : 1)));
  }

  // RGAA 13.8, WCAG 2.3.3: with prefers-reduced-motion, nothing moves for more than a frame.
  function motion() {
    const failures = [];
    const root = getComputedStyle(document.documentElement);
    if (root.scrollBehavior === 'smooth') failures.push('html : défilement animé');
    for (const element of document.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(element, pseudo);
        const animated = style.animationName !== 'none' && seconds(style.animationDuration) > 0.001;
        const moving = style.transitionProperty !== 'none' && seconds(style.transitionDuration) > 0.001;
        if (animated || moving) failures.push(`${describe(element)}${pseudo || ''}`);
      }
    }
    return failures;
  }

  function inEnglish(node) {
    const element = node.nodeType === 1 ? node : node.parentElement;
    const lang = element.closest('[lang]')?.getAttribute('lang') || '';
    return lang.toLowerCase().startsWith('en');
  }

  // RGAA 8.7 and 8.8: English words carry lang="en"; every lang code is well formed.
  function languageProblems() {
    const failures = [];
    const found = (text) => english.filter((p) => text.toLowerCase().includes(p.toLowerCase()));
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!inEnglish(node)) found(node.data).forEach((p) => failures.push(`« ${p} »`));
    }
    for (const element of document.querySelectorAll('[title], [alt], [aria-label]')) {
      const text = ['title', 'alt', 'aria-label'].map((a) => element.getAttribute(a) || '');
      if (!inEnglish(element)) {
        found(text.join(' ')).forEach((p) => failures.push(`« ${p} » dans ${describe(element)}`));
      }
    }
    for (const element of document.querySelectorAll('[lang]')) {
      const code = element.getAttribute('lang');
      if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code)) failures.push(`lang="${code}"`);
    }
    return failures;
  }

  return {
    focus: focusInvisible(),
    names: labelNotInName(),
    headings: headingProblems(),
    spacing: spacingLoss(),
    textZoom: textZoomLoss(),
    motion: motion(),
    languages: languageProblems(),
  };
};
