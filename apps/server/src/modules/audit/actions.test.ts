// Every action the server writes to the audit log has a name in AUDIT_ACTIONS (@qinqing/shared), so that
// the audit administrator never reads a code. Read from the server's source with TypeScript's checker:
// at each audit write (`….audit.record(tx, who, { action })` and a transition's `audit: { action }`) the
// action's type must be a set of string literals — a template like `appeal.${kind}` or a helper's return
// type is expanded to every value it can take — and each must be named. The transition runner's default,
// `<objectType>.<action>`, is checked against the machines' actions.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { APPEAL_ACTIONS, AUDIT_ACTIONS, AUDIT_FIELD_LABELS, isAuditAction } from '@qinqing/shared';

const SERVER_SRC = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const CONFIG = path.join(SERVER_SRC, '..', 'tsconfig.json');

interface WriteSite {
  where: string;
  /** Every value the action can take; null when the checker cannot tell (a plain string). */
  actions: string[] | null;
}

function auditWriteSites(): WriteSite[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    CONFIG,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  assert.ok(config, CONFIG);
  const production = config.fileNames.filter(
    (file) => file.startsWith(SERVER_SRC) && !file.endsWith('.test.ts') && !file.includes('/src/test/'),
  );
  const program = ts.createProgram({ rootNames: production, options: config.options });
  const checker = program.getTypeChecker();

  const valuesOf = (type: ts.Type): string[] | null => {
    const parts = type.isUnion() ? type.types : [type];
    const values: string[] = [];
    for (const part of parts) {
      if (!part.isStringLiteral()) return null;
      values.push(part.value);
    }
    return values;
  };
  const actionOf = (literal: ts.ObjectLiteralExpression): ts.Type | undefined => {
    for (const property of literal.properties) {
      if (property.name?.getText() !== 'action') continue;
      if (ts.isPropertyAssignment(property)) return checker.getTypeAtLocation(property.initializer);
      if (ts.isShorthandPropertyAssignment(property)) {
        const symbol = checker.getShorthandAssignmentValueSymbol(property);
        return symbol && checker.getTypeOfSymbolAtLocation(symbol, property);
      }
    }
    return undefined;
  };

  const sites: WriteSite[] = [];
  for (const file of program.getSourceFiles()) {
    if (!production.includes(file.fileName)) continue;
    const visit = (node: ts.Node): void => {
      let entry: ts.ObjectLiteralExpression | undefined;
      // audit.record(tx, context, { action, … })
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'record' &&
        /audit$/i.test(node.expression.expression.getText()) &&
        node.arguments.length === 3 &&
        ts.isObjectLiteralExpression(node.arguments[2]!)
      ) {
        entry = node.arguments[2];
      }
      // A transition's effect: audit: { action, detail } (without an action, the runner's default)
      if (
        ts.isPropertyAssignment(node) &&
        node.name.getText() === 'audit' &&
        ts.isObjectLiteralExpression(node.initializer) &&
        node.initializer.properties.some((property) => property.name?.getText() === 'action')
      ) {
        entry = node.initializer;
      }
      if (entry) {
        const type = actionOf(entry);
        const { line } = file.getLineAndCharacterOfPosition(entry.getStart());
        sites.push({
          where: `${path.relative(SERVER_SRC, file.fileName)}:${line + 1}`,
          actions: type ? valuesOf(type) : null,
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return sites;
}

describe('audit action names', () => {
  it('every action the server writes has a Chinese and an English name', () => {
    const sites = auditWriteSites();
    // The scan finds the writes: if the call's shape changed, it must be taught the new one.
    assert.ok(sites.length >= 60, `only ${sites.length} audit writes found`);
    const unknown = sites.filter((site) => site.actions === null).map((site) => site.where);
    assert.deepEqual(unknown, [], 'audit writes whose action is not a known set of literals');
    const unnamed = sites.flatMap((site) =>
      (site.actions ?? [])
        .filter((action) => !isAuditAction(action))
        .map((action) => `${site.where} ${action}`),
    );
    assert.deepEqual(unnamed, [], 'actions written without a name in AUDIT_ACTIONS');
    const written = new Set(sites.flatMap((site) => site.actions ?? []));
    for (const action of [
      'auth.login',
      'appeal.mark_valid',
      'appeal.resolve_overdue',
      'suggestion.decided',
    ]) {
      assert.ok(written.has(action), `${action} is found among the writes`);
    }
  });

  it("the appeal machine's transitions, audited as appeal.<action> by the runner, are named", () => {
    // core/transitions refuses an unnamed default at run time; this says so before any appeal moves.
    assert.deepEqual(
      APPEAL_ACTIONS.map((action) => `appeal.${action}`).filter((action) => !isAuditAction(action)),
      [],
    );
  });

  it('each name is Chinese and English, in one of the groups, and no two actions share a Chinese name', () => {
    const seen = new Map<string, string>();
    for (const [code, name] of Object.entries(AUDIT_ACTIONS)) {
      assert.match(name.zh, /\p{Script=Han}/u, `${code} has a Chinese name`);
      assert.match(name.en, /^[A-Z]/, `${code} has an English name`);
      assert.equal(seen.get(name.zh), undefined, `${code} and ${seen.get(name.zh)} are both "${name.zh}"`);
      seen.set(name.zh, code);
    }
    for (const [key, label] of Object.entries(AUDIT_FIELD_LABELS)) {
      assert.match(label.zh, /\p{Script=Han}/u, `field ${key} has a Chinese label`);
    }
  });
});
