/**
 * Zod without eval. Zod 4 compiles fast object parsers with `new Function` when it can; the pages'
 * Content-Security-Policy forbids eval, and the mere attempt is logged as a console error in
 * Chromium, Firefox and Safari. Every module that builds a schema imports this first.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
