// 短信网关 the SMS gateway: verification codes to an enterprise contact's mobile, over Aliyun's SMS API
// (dysmsapi SendSms, RPC style: the query string signed with HMAC-SHA1 under the AccessKey secret). It is
// configured by one URL, QINQING_SMS_URL, as SMTP is by QINQING_SMTP_URL, and stays write-only: nothing
// answers with it, the health and options routes say only whether one is set.
//   aliyun://<AccessKeyId>:<AccessKeySecret>@dysmsapi.aliyuncs.com/?sign=<签名>&template=<模板 CODE>[&region=cn-hangzhou]
//   aliyun+http://…  the same over plain http (a gateway on the local network, the tests' peer)
// Without one everything else works: accounts open by invitation and sign in with a password.
import { createHmac, randomUUID } from 'node:crypto';
import { getOutbound, type OutboundAllow } from '../outbound/outbound.ts';

export interface SmsGatewayConfig {
  provider: 'aliyun';
  /** Where SendSms is asked: https://dysmsapi.aliyuncs.com/ by default. */
  endpoint: string;
  keyId: string;
  keySecret: string;
  /** 短信签名, as approved by the provider (e.g. 亲清平台). */
  signName: string;
  /** The approved template of the verification code; its one variable is ${code}. */
  templateCode: string;
  regionId: string;
}

/** Parses QINQING_SMS_URL; throws with a Chinese message naming what is missing. */
export function parseSmsUrl(raw: string): SmsGatewayConfig {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      '配置错误：QINQING_SMS_URL 不是有效地址，应形如 aliyun://AccessKeyId:AccessKeySecret@dysmsapi.aliyuncs.com/?sign=签名&template=模板',
    );
  }
  if (url.protocol !== 'aliyun:' && url.protocol !== 'aliyun+http:') {
    throw new Error('配置错误：QINQING_SMS_URL 须以 aliyun:// 开头（本地网关用 aliyun+http://）');
  }
  const keyId = decodeURIComponent(url.username);
  const keySecret = decodeURIComponent(url.password);
  const signName = url.searchParams.get('sign') ?? '';
  const templateCode = url.searchParams.get('template') ?? '';
  const missing = [
    keyId ? null : 'AccessKeyId',
    keySecret ? null : 'AccessKeySecret',
    signName ? null : 'sign（短信签名）',
    templateCode ? null : 'template（模板 CODE）',
  ].filter(Boolean);
  if (missing.length > 0) throw new Error(`配置错误：QINQING_SMS_URL 缺少 ${missing.join('、')}`);
  const scheme = url.protocol === 'aliyun+http:' ? 'http' : 'https';
  return {
    provider: 'aliyun',
    endpoint: `${scheme}://${url.host || 'dysmsapi.aliyuncs.com'}${url.pathname || '/'}`,
    keyId,
    keySecret,
    signName,
    templateCode,
    regionId: url.searchParams.get('region') || 'cn-hangzhou',
  };
}

/** RFC 3986 percent-encoding as Aliyun's signature wants it: space %20, * %2A, ~ kept. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The RPC signature (SignatureVersion 1.0, HMAC-SHA1) of a request's parameters. */
export function rpcSignature(params: Record<string, string>, secret: string, method = 'GET'): string {
  const canonical = Object.keys(params)
    .filter((key) => key !== 'Signature')
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key]!)}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

/** The provider refused or could not be reached: the code is not sent. */
export class SmsSendError extends Error {
  constructor(
    readonly providerCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export class SmsGateway {
  constructor(
    private readonly config: SmsGatewayConfig,
    /** When the request is signed: the app's clock. */
    private readonly now: () => Date,
    /** The gateway is an outbound target like any other: public, or named by QINQING_OUTBOUND_ALLOW. */
    private readonly allow: OutboundAllow,
  ) {}

  /** The gateway's host: what configurers may see of it. */
  get host(): string {
    return new URL(this.config.endpoint).host;
  }

  /** Sends one verification code to a mainland mobile number. */
  async sendCode(mobile: string, code: string): Promise<void> {
    const params: Record<string, string> = {
      AccessKeyId: this.config.keyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: mobile,
      RegionId: this.config.regionId,
      SignName: this.config.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: this.config.templateCode,
      TemplateParam: JSON.stringify({ code }),
      Timestamp: this.now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const query = Object.entries({ Signature: rpcSignature(params, this.config.keySecret), ...params })
      .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
      .join('&');
    let answer: { Code?: string; Message?: string };
    try {
      const response = await getOutbound(`${this.config.endpoint}?${query}`, this.allow, 10_000);
      answer = JSON.parse(response.text) as typeof answer;
    } catch (error) {
      throw new SmsSendError('UNREACHABLE', `短信网关 ${this.host} 无法访问：${(error as Error).message}`);
    }
    if (answer.Code !== 'OK') {
      throw new SmsSendError(answer.Code ?? 'UNKNOWN', answer.Message ?? '短信网关拒绝发送');
    }
  }
}
