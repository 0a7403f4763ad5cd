// API tests of the role catalogue (角色): every permission the server knows has words (issue 11), and the
// roles API answers them in the caller's language — against a real PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  PERMISSION_GROUP_LABELS,
  PERMISSION_GROUPS,
  PERMISSION_LABELS,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  ROLES,
} from '@qinqing/shared';
import { json, setupTestApp, type TestApp } from '../../test/harness.ts';

interface RoleJson {
  code: string;
  name: string;
  permissions: string[];
  permissionDetails: { code: string; name: string; group: string; groupName: string; description: string }[];
}

describe('roles and the names of permissions', () => {
  let t: TestApp;
  before(async () => {
    t = await setupTestApp();
  });
  after(() => t.close());

  it('every permission a route or a role declares has a name, a group and a description in both languages', () => {
    const declared = new Set<string>(PERMISSIONS);
    for (const route of t.routes) {
      const access = (route.config as { access?: string } | undefined)?.access;
      if (access && !['public', 'authenticated', 'session'].includes(access)) declared.add(access);
    }
    for (const role of ROLES) for (const permission of ROLE_PERMISSIONS[role]) declared.add(permission);
    const labels: Record<string, (typeof PERMISSION_LABELS)[keyof typeof PERMISSION_LABELS] | undefined> =
      PERMISSION_LABELS;
    const missing = [...declared].filter((code) => {
      const label = labels[code];
      return (
        !label ||
        !PERMISSION_GROUPS.includes(label.group) ||
        !/\p{Script=Han}/u.test(label.zh) ||
        !/\p{Script=Han}/u.test(label.descriptionZh) ||
        !label.en ||
        !label.descriptionEn
      );
    });
    assert.deepEqual(missing, []);
    assert.deepEqual(Object.keys(PERMISSION_LABELS).sort(), [...PERMISSIONS].sort());
  });

  it('GET /api/roles answers each permission by name, group and description, in the caller’s language', async () => {
    const cookie = await t.sessionFor(await t.userId('secadmin'));
    const zh = json<{ items: RoleJson[] }>(await t.request({ url: '/api/roles', cookie })).items;
    const head = zh.find((role) => role.code === 'department_head')!;
    assert.equal(head.name, '职能部门负责人');
    assert.deepEqual(
      head.permissionDetails.map((p) => p.code),
      head.permissions,
    );
    const figures = head.permissionDetails.find((p) => p.code === 'appeals.departmentFigures')!;
    assert.deepEqual(figures, {
      code: 'appeals.departmentFigures',
      name: '本部门办理情况',
      group: 'figures',
      groupName: PERMISSION_GROUP_LABELS.figures.zh,
      description: PERMISSION_LABELS['appeals.departmentFigures'].descriptionZh,
    });
    for (const role of zh) for (const p of role.permissionDetails) assert.notEqual(p.name, p.code);
    const en = json<{ items: RoleJson[] }>(
      await t.request({ url: '/api/roles', cookie, headers: { 'accept-language': 'en' } }),
    ).items;
    assert.equal(
      en.find((role) => role.code === 'department_head')!.permissionDetails[0]!.groupName,
      'Member registry',
    );
  });
});
