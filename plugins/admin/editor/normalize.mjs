// Rewrite data files the way the editor saves them: node normalize.mjs [--check] FILE…
//
// A file the editor saves is rewritten whole: written in its format beforehand, a change
// made in the editor shows in git as that change only. With --check, rewrite nothing and
// list the files that differ (exit status 1).
import { readFileSync, writeFileSync } from 'node:fs';
import { normalized } from './yamlformat.mjs';

const args = process.argv.slice(2);
const check = args[0] === '--check';
const files = check ? args.slice(1) : args;
const differing = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const result = normalized(text);
  if (result === text) continue;
  differing.push(file);
  if (!check) writeFileSync(file, result);
}
for (const file of differing) console.log(check ? `à réécrire : ${file}` : `réécrit : ${file}`);
process.exit(check && differing.length ? 1 : 0);
