// Outbound targets (issue 12 item 2): loopback, private, link-local and reserved addresses are refused —
// written as literals, IPv4-mapped, or behind a DNS name — unless QINQING_OUTBOUND_ALLOW names them; the
// check happens at send time on the address connected to, and a redirect is not followed.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../config.ts';
import { EmailSender, postWebhook } from '../../modules/notifications/transports.ts';
import { startSmtpPeer, startWebhookPeer, type WebhookPeer } from '../../test/mail-and-robot-peers.ts';
import {
  isPublicAddress,
  NO_OUTBOUND_ALLOW,
  OutboundRefused,
  postJsonOutbound,
  resolveOutbound,
  type OutboundAllow,
} from './outbound.ts';

const allowOf = (raw: string): OutboundAllow => loadConfig({ QINQING_OUTBOUND_ALLOW: raw }).outboundAllow;
const message = { msgtype: 'text' as const, text: { content: '测试' } };

describe('core/outbound: which addresses the platform connects out to', () => {
  it('knows public addresses from loopback, private, link-local and reserved ones', () => {
    const notPublic = [
      '127.0.0.1',
      '127.1.2.3',
      '0.0.0.0',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '100.64.0.1',
      '169.254.169.254',
      '198.18.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '0:0:0:0:0:ffff:c0a8:0101',
      '::127.0.0.1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'ff02::1',
      '2001:db8::1',
    ];
    for (const address of notPublic) assert.equal(isPublicAddress(address), false, address);
    for (const address of ['8.8.8.8', '183.47.101.192', '172.32.0.1', '2400:3200::1', '::ffff:8.8.8.8'])
      assert.equal(isPublicAddress(address), true, address);
    assert.equal(isPublicAddress('not an address'), false);
  });

  it('refuses literals and names resolving to them, unless the allowlist names the host or network', async () => {
    for (const host of [
      '127.0.0.1',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '169.254.169.254',
      '0.0.0.0',
      '10.0.0.7',
    ]) {
      await assert.rejects(resolveOutbound(host, NO_OUTBOUND_ALLOW), OutboundRefused, host);
    }
    // A DNS name resolving to loopback is refused as its address would be, in Chinese, saying what to do.
    await assert.rejects(resolveOutbound('localhost', NO_OUTBOUND_ALLOW), (error: unknown) => {
      assert.ok(error instanceof OutboundRefused);
      assert.equal(error.code, 'OUTBOUND_TARGET_REFUSED');
      assert.match(error.message, /localhost（解析为 (127\.0\.0\.1|::1)）.*QINQING_OUTBOUND_ALLOW/);
      return true;
    });
    assert.deepEqual(await resolveOutbound('8.8.8.8', NO_OUTBOUND_ALLOW), [
      { address: '8.8.8.8', family: 4 },
    ]);
    assert.ok((await resolveOutbound('localhost', allowOf('localhost'))).length > 0);
    assert.ok((await resolveOutbound('10.0.0.7', allowOf('10.0.0.0/8'))).length > 0);
    assert.ok((await resolveOutbound('[::ffff:127.0.0.1]', allowOf('127.0.0.1'))).length > 0);
    await assert.rejects(resolveOutbound('10.0.0.7', allowOf('10.1.0.0/16, 127.0.0.1')), OutboundRefused);
  });

  it('parses QINQING_OUTBOUND_ALLOW, and refuses what is not a host, address or CIDR', () => {
    assert.deepEqual(allowOf('127.0.0.1, 10.0.0.0/8 smtp.Intranet,[::1],fd00::/8'), {
      hosts: ['smtp.intranet'],
      networks: [
        { address: '127.0.0.1', prefix: 32, family: 'ipv4' },
        { address: '10.0.0.0', prefix: 8, family: 'ipv4' },
        { address: '::1', prefix: 128, family: 'ipv6' },
        { address: 'fd00::', prefix: 8, family: 'ipv6' },
      ],
    });
    assert.deepEqual(allowOf(''), NO_OUTBOUND_ALLOW);
    for (const bad of ['10.0.0.0/33', 'http://robot', 'a/b', '::1/129'])
      assert.throws(() => allowOf(bad), /QINQING_OUTBOUND_ALLOW/, bad);
  });

  describe('sending', () => {
    let robot: WebhookPeer;
    /** Answers every request with a redirect to the robot's own, unlisted loopback name. */
    let redirector: http.Server;
    let redirectorUrl: string;

    before(async () => {
      robot = await startWebhookPeer();
      redirector = http.createServer((_request, response) => {
        response.writeHead(302, { location: `http://localhost:${new URL(robot.url).port}/ok/redirected` });
        response.end();
      });
      await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
      redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
    });
    after(async () => {
      await robot.close();
      await new Promise((resolve) => redirector.close(resolve));
    });

    it('posts to a robot on loopback only when allowed, checking at send time', async () => {
      await assert.rejects(
        postWebhook(`${robot.url}/ok/refused`, message, NO_OUTBOUND_ALLOW),
        OutboundRefused,
      );
      await assert.rejects(
        postWebhook(`http://localhost:${new URL(robot.url).port}/ok/by-name`, message, NO_OUTBOUND_ALLOW),
        OutboundRefused,
      );
      assert.equal(robot.posts.length, 0);
      await postWebhook(`${robot.url}/ok/allowed`, message, allowOf('127.0.0.1'));
      assert.deepEqual(
        robot.posts.map((post) => post.path),
        ['/ok/allowed'],
      );
    });

    it('does not follow a redirect, not even from an allowed peer', async () => {
      await assert.rejects(
        postJsonOutbound(`${redirectorUrl}/robot`, message, allowOf('127.0.0.1'), 5_000),
        /HTTP 302：对方要求重定向，出于安全不跟随重定向/,
      );
      assert.ok(!robot.posts.some((post) => post.path === '/ok/redirected'));
    });

    it('refuses an SMTP server on loopback unless allowed', async () => {
      const smtp = await startSmtpPeer();
      try {
        const refused = new EmailSender(smtp.url, 'noreply@example.org', NO_OUTBOUND_ALLOW);
        await assert.rejects(
          refused.send('a@example.org', { subject: '拒绝', text: '正文' }),
          OutboundRefused,
        );
        assert.equal(smtp.mails.length, 0);
        const allowed = new EmailSender(smtp.url, 'noreply@example.org', allowOf('127.0.0.1'));
        await allowed.send('a@example.org', { subject: '允许', text: '正文' });
        allowed.close();
        assert.equal(smtp.mails.length, 1);
      } finally {
        await smtp.close();
      }
    });
  });
});
