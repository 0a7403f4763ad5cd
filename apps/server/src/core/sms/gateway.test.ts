import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSmsUrl, percentEncode, rpcSignature } from './gateway.ts';

describe('the SMS gateway (Aliyun SendSms)', () => {
  it("signs the documentation's SendSms example as Aliyun does", () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    assert.equal(rpcSignature(params, 'testSecret'), 'zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it("signs the RPC documentation's DescribeRegions example", () => {
    const params = {
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Version: '2014-05-26',
      Timestamp: '2016-02-23T12:46:24Z',
    };
    assert.equal(rpcSignature(params, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('percent-encodes as RFC 3986 wants', () => {
    assert.equal(percentEncode('a b*c~d'), 'a%20b%2Ac~d');
    assert.equal(percentEncode("/=&+!'()"), '%2F%3D%26%2B%21%27%28%29');
    assert.equal(percentEncode('派'), '%E6%B4%BE');
  });

  it('reads the gateway from one URL and names what is missing', () => {
    const config = parseSmsUrl(
      `aliyun://LTAI-id:s%2Fecret@dysmsapi.aliyuncs.com/?sign=${encodeURIComponent('亲清平台')}&template=SMS_1`,
    );
    assert.deepEqual(config, {
      provider: 'aliyun',
      endpoint: 'https://dysmsapi.aliyuncs.com/',
      keyId: 'LTAI-id',
      keySecret: 's/ecret',
      signName: '亲清平台',
      templateCode: 'SMS_1',
      regionId: 'cn-hangzhou',
    });
    assert.equal(
      parseSmsUrl('aliyun+http://a:b@127.0.0.1:9/?sign=s&template=t').endpoint,
      'http://127.0.0.1:9/',
    );
    assert.throws(() => parseSmsUrl('aliyun://a:b@host/?sign=s'), /缺少 template/);
    assert.throws(() => parseSmsUrl('https://a:b@host/?sign=s&template=t'), /aliyun:\/\//);
  });
});
