// A local stand-in for Aliyun's SMS API (dysmsapi SendSms), for tests: it checks each request's signature
// with the configured secret, keeps the messages it accepted, and answers as the provider does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rpcSignature } from '../core/sms/gateway.ts';

export interface SmsMessage {
  mobile: string;
  signName: string;
  templateCode: string;
  /** The template's variables, e.g. { code: '123456' }. */
  params: Record<string, string>;
}

export interface SmsPeer {
  /** QINQING_SMS_URL pointing at this peer. */
  url: string;
  /** The environment an app needs to reach the peer: its URL, and its loopback address allowed as a target. */
  env: Record<string, string>;
  messages: SmsMessage[];
  /** Makes the provider refuse the next sends with this code (e.g. isv.BUSINESS_LIMIT_CONTROL). */
  refuseWith(code: string | undefined): void;
  close(): Promise<void>;
}

export async function startSmsPeer(keyId = 'LTAI-test', secret = 'test-secret'): Promise<SmsPeer> {
  const messages: SmsMessage[] = [];
  let refusal: string | undefined;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://peer');
    const params = Object.fromEntries(url.searchParams);
    const answer = (body: object) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (params.AccessKeyId !== keyId || params.Signature !== rpcSignature(params, secret)) {
      return answer({ Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched' });
    }
    if (refusal) return answer({ Code: refusal, Message: 'refused' });
    messages.push({
      mobile: params.PhoneNumbers ?? '',
      signName: params.SignName ?? '',
      templateCode: params.TemplateCode ?? '',
      params: JSON.parse(params.TemplateParam ?? '{}') as Record<string, string>,
    });
    answer({ Code: 'OK', Message: 'OK', BizId: String(messages.length), RequestId: 'test' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `aliyun+http://${keyId}:${secret}@127.0.0.1:${port}/?sign=${encodeURIComponent('亲清平台')}&template=SMS_000001`;
  return {
    url,
    env: { QINQING_SMS_URL: url, QINQING_OUTBOUND_ALLOW: '127.0.0.1' },
    messages,
    refuseWith: (code) => {
      refusal = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
