import { renderTemplate, tabwrite } from '../src/cli/template';
import { formatRows, humanDuration, humanSize } from '../src/cli/format';

describe('Go template subset', () => {
  const data = { ID: 'abc', Names: ['a', 'b'], Labels: { x: '1' }, Config: { Env: ['A=1', 'B=2'] }, Tag: '<x>' };

  it('prints fields, nested fields and the dot', () => {
    expect(renderTemplate('{{.ID}} {{.Config.Env}}', data)).toBe('abc [A=1 B=2]');
    expect(renderTemplate('{{.}}', 'plain')).toBe('plain');
  });

  it('has json (with Go\'s HTML escapes), join, upper, lower, index and pipelines', () => {
    expect(renderTemplate('{{json .Names}}', data)).toBe('["a","b"]');
    expect(renderTemplate('{{json .Tag}}', data)).toBe('"\\u003cx\\u003e"');
    expect(renderTemplate('{{join .Names ","}}', data)).toBe('a,b');
    expect(renderTemplate('{{upper .ID}}|{{.ID | upper}}|{{lower "ABC"}}', data)).toBe('ABC|ABC|abc');
    expect(renderTemplate('{{index .Labels "x"}}', data)).toBe('1');
  });

  it('ranges and branches', () => {
    expect(renderTemplate('{{range .Config.Env}}[{{.}}]{{end}}', data)).toBe('[A=1][B=2]');
    expect(renderTemplate('{{if .Names}}yes{{else}}no{{end}} {{if .Missing}}{{end}}', { Names: [], Missing: '' })).toBe('no ');
  });

  it('refuses unknown fields and functions as Go does', () => {
    expect(() => renderTemplate('{{.Nope}}', data)).toThrow(/can't evaluate field Nope/);
    expect(() => renderTemplate('{{nope .ID}}', data)).toThrow(/function "nope" not defined/);
    expect(() => renderTemplate('{{range .Names}}', data)).toThrow(/missing \{\{end\}\}/);
  });

  it('aligns tables as docker\'s tabwriter (minwidth 10, padding 3)', () => {
    expect(tabwrite(['A\tBBBBBBBBBBBB\tC', 'xx\ty\tzzz'])).toBe('A         BBBBBBBBBBBB   C\nxx        y              zzz\n');
    const table = 'table {{.ID}}\\t{{.Name}}';
    expect(formatRows('table {{.ID}}\\t{{.Name}}', table, [{ ID: '1', Name: 'n' }], { ID: 'ID', Name: 'NAME' })).toBe('ID        NAME\n1         n\n');
    expect(formatRows('{{.ID}}:{{.Name}}', table, [{ ID: '1', Name: 'n' }], {})).toBe('1:n\n');
  });

  it("takes docker's keywords: none or table is the listing's table, json a JSON object per row with its fields in Go's map order", () => {
    const table = 'table {{.ID}}\\t{{.Name}}';
    const rows = [{ Name: 'n', ID: '1', Labels: 'a<b' }];
    const headers = { ID: 'ID', Name: 'NAME' };
    expect(formatRows(undefined, table, rows, headers)).toBe('ID        NAME\n1         n\n');
    expect(formatRows('table', table, rows, headers)).toBe('ID        NAME\n1         n\n');
    expect(formatRows('json', table, rows, headers)).toBe('{"ID":"1","Labels":"a\\u003cb","Name":"n"}\n');
    expect(formatRows('{{json .}}', table, rows, headers)).toBe('{"ID":"1","Labels":"a\\u003cb","Name":"n"}\n');
  });

  it('renders durations and sizes as go-units', () => {
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(45_000)).toBe('45 seconds');
    expect(humanDuration(90_000)).toBe('About a minute');
    expect(humanDuration(3 * 3_600_000)).toBe('3 hours');
    expect(humanDuration(3 * 86_400_000)).toBe('3 days');
    expect(humanSize(4_261_999)).toBe('4.26MB');
    expect(humanSize(100)).toBe('100B');
    expect(humanSize(1234)).toBe('1.23kB');
  });
});
