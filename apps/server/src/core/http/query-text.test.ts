// One rule for text in query strings: every route with a string query parameter, read from the OpenAPI
// document, answers NUL, other control characters and lone surrogates with 400 VALIDATION_FAILED naming the
// parameter — never a 500, never an answer — as a caller who may reach the route.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { json, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { queryTextProblems } from './query-text.ts';

interface Parameter {
  name: string;
  in: string;
  schema?: { type?: string; anyOf?: { type?: string }[] };
}
type Operation = { parameters?: Parameter[] };

/** As a browser or client would send them: NUL, a control character, DEL, a lone high and low surrogate. */
const HOSTILE = ['%00', 'a%01b', '%1F', '%7F', '%ED%A0%80', 'x%ED%B0%80'];
const ROLES_IN_TURN = [
  'staff',
  'leader',
  'secretary',
  'liaison',
  'hrhead',
  'member',
  'sysadmin',
  'secadmin',
  'auditor',
];

const isText = (parameter: Parameter) =>
  parameter.schema?.type === 'string' || (parameter.schema?.anyOf ?? []).some((s) => s.type === 'string');

describe('query strings: one text rule on every route', () => {
  let t: TestApp;
  let sessions: (string | undefined)[];

  before(async () => {
    t = await setupTestApp();
    sessions = [undefined];
    for (const username of ROLES_IN_TURN) sessions.push(await t.sessionFor(await t.userId(username)));
  });
  after(() => t.close());

  it('GET /api/enterprises?q=%00 and /api/people?q=%00 are 400 naming the parameter, not 500', async () => {
    const staff = sessions[1];
    for (const url of ['/api/enterprises?q=%00', '/api/people?q=%00', '/api/enterprises?q=%ED%A0%80']) {
      const response = await t.request({ url, cookie: staff });
      assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
      const { error } = json<ErrorJson>(response);
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.equal(error.details?.[0]?.path, 'querystring.q');
      assert.match(error.details?.[0]?.message ?? '', /控制字符|无效的字符编码/);
    }
  });

  it('every string query parameter of every route in the OpenAPI document', async () => {
    const document = (await t.request({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    let checked = 0;
    const failures: string[] = [];
    for (const [template, operations] of Object.entries(document.paths)) {
      const path = template.replace(/\{id\}|\{\w*Id\}/g, () => randomUUID()).replace(/\{\w+\}/g, 'x');
      for (const [method, operation] of Object.entries(operations)) {
        const texts = (operation.parameters ?? []).filter((p) => p.in === 'query' && isText(p));
        for (const parameter of texts) {
          for (const value of HOSTILE) {
            const url = `${path}?${encodeURIComponent(parameter.name)}=${value}`;
            let reached = false;
            for (const cookie of sessions) {
              const response = await t.request({
                method: method.toUpperCase() as 'GET',
                url,
                cookie,
                body: method === 'get' ? undefined : {},
              });
              if (response.statusCode === 401 || response.statusCode === 403) continue;
              reached = true;
              const detail = response.statusCode === 400 ? json<ErrorJson>(response).error : undefined;
              if (
                detail?.code !== 'VALIDATION_FAILED' ||
                !detail.details?.some((d) => d.path === `querystring.${parameter.name}`)
              ) {
                failures.push(
                  `${method.toUpperCase()} ${url} → ${response.statusCode} ${response.body.slice(0, 120)}`,
                );
              }
              checked++;
              break;
            }
            if (!reached) failures.push(`${method.toUpperCase()} ${url}: no role reaches it`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(checked > 200, `checked ${checked} parameter × value pairs`);
  });

  it('decodes as the query parser does: plain text, 生僻字 and a literal % pass; broken escapes do not', () => {
    assert.deepEqual(queryTextProblems('/api/enterprises?q=%F0%A0%AE%B7&page=1&q2=100%'), []);
    assert.deepEqual(queryTextProblems('/api/enterprises?q=a+b&sort=recent'), []);
    assert.deepEqual(
      queryTextProblems('/api/x?q=%FF&name%00=1').map((d) => [d.path, d.code]),
      [
        ['querystring.q', 'INVALID_ENCODING'],
        ['querystring.name\u0000', 'CONTROL_CHARACTER'],
      ],
    );
  });
});
