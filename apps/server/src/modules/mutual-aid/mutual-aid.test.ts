// 互助 mutual aid through the API on the demo district: posts of both sides (bad input named), the candidates
// of a post ranked by category, words in common and division, a brokered match whose contacts appear in
// the raw JSON only once both sides accepted, its outcome, a decline freeing the posts, expiry by the
// scheduler's pass, and every role that may not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { AidCandidate, AidMatchView, AidPostView, AidStats } from '@qinqing/shared';
import { createAccount, orgUnitId, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { expireAidPosts } from './service.ts';

describe('mutual aid', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let own: string;
  let supplier: string;
  let supplierMobile: string;
  let ownMobile: string;

  const call = (who: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });
  const errorOf = (response: { json(): unknown }) => (response.json() as ErrorJson).error;
  const post = async (who: string, body: Record<string, unknown>) => {
    const response = await call(who, 'POST', '/api/aid-posts', { quantity: 100, unit: '个', ...body });
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as { post: AidPostView }).post;
  };

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'secretary', 'member', 'liaison', 'sysadmin', 'banker'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    const { rows: mine } = await t.database.db.execute<{ id: string }>(
      sql`SELECT enterprise_id AS id FROM users WHERE username = 'member'`,
    );
    own = mine[0]!.id;
    // A supplier with a contact person (a mobile to look for) and an account of its own.
    const { rows } = await t.database.db.execute<{
      id: string;
      org_unit_id: string;
    }>(sql`SELECT e.id, e.org_unit_id
      FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
      WHERE e.merged_into_id IS NULL AND e.id <> ${own}
        -- In the leader's subtree, so that the figures the tests read count both sides.
        AND u.path LIKE (SELECT o.path FROM users l JOIN org_units o ON o.id = l.org_unit_id
                          WHERE l.username = 'leader') || '%'
      ORDER BY e.id LIMIT 1`);
    supplier = rows[0]!.id;
    supplierMobile = '13912345678';
    ownMobile = '13887654321';
    await t.database.db
      .execute(sql`INSERT INTO enterprise_contacts (enterprise_id, name, mobile, is_primary, sort)
      VALUES (${supplier}, '供方联系人', ${supplierMobile}, true, -1), (${own}, '需方联系人', ${ownMobile}, true, -1)`);
    const supplierUser = await createAccount(t, {
      username: 'supplier-contact',
      orgUnitId: rows[0]!.org_unit_id,
      roles: ['enterprise_contact'],
    });
    await t.database.db.execute(sql`UPDATE users SET enterprise_id = ${supplier} WHERE id = ${supplierUser}`);
    cookies.supplier = await t.sessionFor(supplierUser);
    const outsiderUser = await createAccount(t, {
      username: 'third-contact',
      orgUnitId: await orgUnitId(t, '示例区工商联'),
      roles: ['enterprise_contact'],
    });
    const { rows: third } = await t.database.db.execute<{ id: string }>(sql`SELECT id FROM enterprises
      WHERE id NOT IN (${own}, ${supplier}) AND merged_into_id IS NULL ORDER BY id LIMIT 1`);
    await t.database.db.execute(
      sql`UPDATE users SET enterprise_id = ${third[0]!.id} WHERE id = ${outsiderUser}`,
    );
    cookies.third = await t.sessionFor(outsiderUser);
  });
  after(() => t.close());

  it('posts, candidates ranked by words in common, a brokered match whose contacts appear only after both accept', async () => {
    const figures = async () => {
      const response = await call(
        'leader',
        'GET',
        '/api/measures/values?ids=aid.posts,aid.fulfilled,aid.quantity',
      );
      const items = (response.json() as { items: { id: string; value: number }[] }).items;
      return Object.fromEntries(items.map((item) => [item.id, item.value])) as Record<string, number>;
    };
    const before = await figures();
    const demand = await post('member', {
      side: 'demand',
      enterpriseId: own,
      title: '急需医用外科口罩',
      category: 'epidemic',
      quantity: 20000,
      urgent: true,
    });
    const supply = await post('supplier', {
      side: 'supply',
      enterpriseId: supplier,
      title: '医用外科口罩现货5万个',
      category: 'epidemic',
      quantity: 50000,
    });
    await post('supplier', { side: 'supply', enterpriseId: supplier, title: '消毒液', category: 'epidemic' });
    await post('supplier', {
      side: 'supply',
      enterpriseId: supplier,
      title: '医用外科口罩',
      category: 'products',
    });

    // Others' open posts are on the board, never with a contact.
    const board = await call('member', 'GET', '/api/aid-posts?side=supply&category=epidemic');
    assert.equal(board.statusCode, 200);
    assert.ok((board.json() as { items: AidPostView[] }).items.some((item) => item.id === supply.id));
    assert.ok(!board.body.includes(supplierMobile) && !board.body.includes('供方联系人'));

    const candidates = await call('member', 'GET', `/api/aid-posts/${demand.id}/matches`);
    assert.equal(candidates.statusCode, 200, candidates.body);
    const items = (candidates.json() as { items: AidCandidate[] }).items;
    assert.equal(items[0]!.id, supply.id, 'the masks first');
    assert.ok(items[0]!.commonWords.includes('口罩'));
    assert.ok(items.every((item) => item.category === 'epidemic' && item.side === 'supply'));
    assert.ok(!candidates.body.includes(supplierMobile));

    const brokered = await call('staff', 'POST', '/api/aid-matches', {
      supplyId: supply.id,
      demandId: demand.id,
    });
    assert.equal(brokered.statusCode, 201, brokered.body);
    let match = (brokered.json() as { match: AidMatchView }).match;
    assert.equal(match.state, 'proposed');
    assert.ok(!brokered.body.includes(supplierMobile) && !brokered.body.includes(ownMobile));
    const again = await call('staff', 'POST', '/api/aid-matches', {
      supplyId: supply.id,
      demandId: demand.id,
    });
    assert.equal(again.statusCode, 409);

    const accept = async (who: string) => {
      const response = await call(who, 'POST', `/api/aid-matches/${match.id}/transitions`, {
        action: 'accept',
        version: match.version,
      });
      assert.equal(response.statusCode, 200, response.body);
      match = (response.json() as { match: AidMatchView }).match;
      return response.body;
    };
    const half = await accept('member');
    assert.equal(match.state, 'proposed');
    assert.equal(match.demandAccepted, true);
    assert.ok(!half.includes(supplierMobile) && !half.includes(ownMobile), 'still masked with one side');
    const raw = (await call('supplier', 'GET', `/api/aid-matches/${match.id}`)).body;
    assert.ok(!raw.includes(ownMobile), 'the supplier sees nothing before accepting');
    const both = await accept('supplier');
    assert.equal(match.state, 'accepted');
    assert.ok(both.includes(supplierMobile) && both.includes(ownMobile), 'both contacts once both accepted');
    assert.equal(match.supplyContact?.name, '供方联系人');

    // A third enterprise's contact finds nothing; a supplier cannot record the outcome; staff do.
    assert.equal((await call('third', 'GET', `/api/aid-matches/${match.id}`)).statusCode, 404);
    const notYours = await call('supplier', 'POST', `/api/aid-matches/${match.id}/transitions`, {
      action: 'fulfil',
      version: match.version,
      quantity: 20000,
    });
    assert.equal(notYours.statusCode, 403);
    const noQuantity = await call('staff', 'POST', `/api/aid-matches/${match.id}/transitions`, {
      action: 'fulfil',
      version: match.version,
    });
    assert.equal(noQuantity.statusCode, 400);
    assert.equal(errorOf(noQuantity).details?.[0]?.path, 'quantity');
    const done = await call('staff', 'POST', `/api/aid-matches/${match.id}/transitions`, {
      action: 'fulfil',
      version: match.version,
      quantity: 20000,
    });
    assert.equal(done.statusCode, 200, done.body);
    match = (done.json() as { match: AidMatchView }).match;
    assert.equal(match.state, 'fulfilled');
    assert.equal(match.quantityDelivered, 20000);
    assert.equal(match.supply.state, 'fulfilled');
    const after = await figures();
    assert.equal(after['aid.fulfilled']! - before['aid.fulfilled']!, 1, 'the measures count the outcome');
    assert.equal(after['aid.quantity']! - before['aid.quantity']!, 20000);
    assert.ok(after['aid.posts']! - before['aid.posts']! >= 4);
    const { rows } = await t.database.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE object_id = ${match.id} ORDER BY seq`,
    );
    assert.deepEqual(
      rows.map((row) => row.action),
      ['aid_match.created', 'aid_match.accept', 'aid_match.accept', 'aid_match.fulfil'],
    );
  });

  it('a declined match frees its posts; bad input is named; expiry ends open posts past their day', async () => {
    const demand = await post('member', {
      side: 'demand',
      enterpriseId: own,
      title: '防护服',
      category: 'epidemic',
    });
    const supply = await post('supplier', {
      side: 'supply',
      enterpriseId: supplier,
      title: '防护服',
      category: 'epidemic',
    });
    const made = await call('staff', 'POST', '/api/aid-matches', {
      supplyId: supply.id,
      demandId: demand.id,
    });
    const match = (made.json() as { match: AidMatchView }).match;
    const declined = await call('supplier', 'POST', `/api/aid-matches/${match.id}/transitions`, {
      action: 'decline',
      version: match.version,
    });
    assert.equal(declined.statusCode, 200, declined.body);
    const freed = (await call('staff', 'GET', `/api/aid-posts/${supply.id}`)).json() as { post: AidPostView };
    assert.equal(freed.post.state, 'open');
    const swapped = await call('staff', 'POST', '/api/aid-matches', {
      supplyId: demand.id,
      demandId: supply.id,
    });
    assert.equal(swapped.statusCode, 400);

    for (const [body, path] of [
      [{ quantity: 0 }, 'quantity'],
      [{ quantity: -3 }, 'quantity'],
      [{ category: 'weapons' }, 'category'],
      [{ side: 'both' }, 'side'],
      [{ validUntil: '2020-01-01' }, 'validUntil'],
    ] as [Record<string, unknown>, string][]) {
      const response = await call('member', 'POST', '/api/aid-posts', {
        side: 'supply',
        enterpriseId: own,
        title: '口罩',
        category: 'epidemic',
        quantity: 10,
        unit: '个',
        ...body,
      });
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      assert.ok(
        errorOf(response).details?.some((d) => d.path === path),
        response.body,
      );
    }
    const elsewhere = await call('member', 'POST', '/api/aid-posts', {
      side: 'supply',
      enterpriseId: supplier,
      title: '口罩',
      category: 'epidemic',
      quantity: 10,
      unit: '个',
    });
    assert.equal(elsewhere.statusCode, 400);

    const today = new Date(t.ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const short = await post('member', {
      side: 'demand',
      enterpriseId: own,
      title: '测温枪',
      category: 'epidemic',
      validUntil: today,
    });
    assert.equal(await expireAidPosts(t.ctx, t.ctx.clock.now()), 0, 'valid through its day');
    assert.ok((await expireAidPosts(t.ctx, new Date(t.ctx.clock.now().getTime() + 2 * 86_400_000))) >= 1);
    const expired = (await call('member', 'GET', `/api/aid-posts/${short.id}`)).json() as {
      post: AidPostView;
    };
    assert.equal(expired.post.state, 'expired');
  });

  it('an enterprise lists its own posts in every state; the figures by category count quantities per unit', async () => {
    const stats = async (who = 'leader', query = '') => {
      const response = await call(who, 'GET', `/api/aid/stats${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as AidStats;
    };
    const technology = (figures: AidStats) =>
      figures.categories.find((row) => row.category === 'technology') ?? {
        posts: 0,
        supplies: 0,
        demands: 0,
        matches: 0,
        fulfilled: 0,
        enterprisesHelped: 0,
        delivered: [],
        supplied: [],
        demanded: [],
      };
    const of = (items: { unit: string; quantity: number }[], unit: string) =>
      items.find((item) => item.unit === unit)?.quantity ?? 0;
    const before = await stats();
    const demand = await post('member', {
      side: 'demand',
      enterpriseId: own,
      title: '数控机床维修技术',
      category: 'technology',
      quantity: 5,
      unit: '套',
    });
    const supply = await post('supplier', {
      side: 'supply',
      enterpriseId: supplier,
      title: '数控机床维修',
      category: 'technology',
      quantity: 8.5,
      unit: '套',
    });
    const made = await call('staff', 'POST', '/api/aid-matches', {
      supplyId: supply.id,
      demandId: demand.id,
    });
    let match = (made.json() as { match: AidMatchView }).match;
    for (const who of ['member', 'supplier']) {
      const response = await call(who, 'POST', `/api/aid-matches/${match.id}/transitions`, {
        action: 'accept',
        version: match.version,
      });
      match = (response.json() as { match: AidMatchView }).match;
    }
    const done = await call('staff', 'POST', `/api/aid-matches/${match.id}/transitions`, {
      action: 'fulfil',
      version: match.version,
      quantity: 5,
    });
    assert.equal(done.statusCode, 200, done.body);

    const after = await stats();
    const [was, is] = [technology(before), technology(after)];
    assert.equal(is.posts - was.posts, 2);
    assert.equal(is.supplies - was.supplies, 1);
    assert.equal(is.demands - was.demands, 1);
    assert.equal(is.matches - was.matches, 1);
    assert.equal(is.fulfilled - was.fulfilled, 1);
    assert.equal(is.enterprisesHelped - was.enterprisesHelped, 1);
    assert.equal(of(is.delivered, '套') - of(was.delivered, '套'), 5);
    assert.equal(of(is.supplied, '套') - of(was.supplied, '套'), 8.5);
    assert.equal(of(is.demanded, '套') - of(was.demanded, '套'), 5);
    // The member's enterprise was helped already (the masks of the first test): one enterprise over all
    // categories, not two.
    assert.equal(after.total.enterprisesHelped - before.total.enterprisesHelped, 0);
    assert.equal(after.total.fulfilled - before.total.fulfilled, 1);
    assert.equal(of(after.total.delivered, '套') - of(before.total.delivered, '套'), 5);
    // A period before any of it counts none of it.
    const empty = await stats('leader', '?from=2001-01-01&to=2001-12-31');
    assert.deepEqual(empty.categories, []);
    assert.equal(empty.total.posts, 0);

    // 我的供需: the member's own posts in every state, and only its own.
    const mine = await call('member', 'GET', `/api/aid-posts?enterpriseId=${own}&pageSize=100`);
    assert.equal(mine.statusCode, 200, mine.body);
    const items = (mine.json() as { items: AidPostView[] }).items;
    assert.ok(items.every((item) => item.enterprise.id === own));
    assert.ok(items.some((item) => item.id === demand.id && item.state === 'fulfilled'));
    const others = await call('member', 'GET', `/api/aid-posts?enterpriseId=${supplier}&pageSize=100`);
    const theirs = (others.json() as { items: AidPostView[] }).items;
    assert.ok(!theirs.some((item) => item.id === supply.id), 'another enterprise: its open posts alone');
    assert.equal((await call('member', 'GET', '/api/aid-posts?enterpriseId=nope')).statusCode, 400);

    // Bad input named; a unit outside the caller's subtree is not found; who may not read figures.
    const reversed = await call('leader', 'GET', '/api/aid/stats?from=2026-12-01&to=2026-01-01');
    assert.equal(reversed.statusCode, 400);
    assert.equal(errorOf(reversed).details?.[0]?.path, 'from');
    const badDay = await call('leader', 'GET', '/api/aid/stats?from=2026-13-01');
    assert.equal(badDay.statusCode, 400);
    assert.ok(
      errorOf(badDay).details?.some((d) => d.path.endsWith('from')),
      badDay.body,
    );
    const { rows } = await t.database.db.execute<{
      id: string;
    }>(sql`INSERT INTO org_units (id, kind, name, path, depth)
      SELECT id, 'province', '互助测试外省工商联', '/' || id || '/', 0 FROM (SELECT gen_random_uuid() AS id) u
      RETURNING id`);
    assert.equal((await call('leader', 'GET', `/api/aid/stats?orgUnitId=${rows[0]!.id}`)).statusCode, 404);
    for (const who of ['member', 'secretary', 'liaison', 'sysadmin', 'banker']) {
      assert.equal((await call(who, 'GET', '/api/aid/stats')).statusCode, 403, who);
    }
  });

  it('refuses every role that may not', async () => {
    for (const who of ['liaison', 'sysadmin', 'banker']) {
      assert.equal((await call(who, 'GET', '/api/aid-posts')).statusCode, 403, who);
    }
    const leaderPost = await call('leader', 'POST', '/api/aid-posts', {});
    assert.equal(leaderPost.statusCode, 403);
    const contactBroker = await call('member', 'POST', '/api/aid-matches', {
      supplyId: '00000000-0000-4000-8000-000000000000',
      demandId: '00000000-0000-4000-8000-000000000001',
    });
    assert.equal(contactBroker.statusCode, 403);
    // A contact sees the candidates only of its own posts.
    const others = await post('supplier', {
      side: 'supply',
      enterpriseId: supplier,
      title: '手套',
      category: 'epidemic',
    });
    assert.equal((await call('member', 'GET', `/api/aid-posts/${others.id}/matches`)).statusCode, 404);
  });
});
