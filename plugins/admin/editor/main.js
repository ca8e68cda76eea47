// The /admin/ editor: French interface, Pelican's Markdown pages, then Sveltia CMS.
import './french.js';
import CMS from '@sveltia/cms';
import { fromFile, toFile } from './pelican.js';

// The editor accepts a Markdown extension only for a format named « …-frontmatter ».
CMS.registerCustomFormat('pelican-frontmatter', 'md', { fromFile, toFile });
CMS.init();
