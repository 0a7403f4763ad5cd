// 参考数据 reference lookups for the web app's pickers: industry classes (GB/T 4754-2017) and administrative
// divisions (GB/T 2260) one level at a time (lazy cascaders), and a division search by name or code.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  divisionLookup,
  divisionLookupQuery,
  industryLookup,
  industryLookupQuery,
  type DivisionOption,
  type IndustryOption,
} from '@qinqing/shared';
import { notFound } from '../../core/errors.ts';
import { divisionChildren, divisionPath, divisionSearch, type Division } from '../../reference/divisions.ts';
import { industryChildren, industryPath, type Industry } from '../../reference/industries.ts';
import { divisionName } from '../enterprises/presenter.ts';

function industryOption(industry: Industry): IndustryOption {
  return {
    code: industry.code,
    name: industry.name,
    level: industry.level,
    isLeaf: industry.level === 'class',
  };
}

function divisionOption(division: Division): DivisionOption {
  return {
    code: division.code,
    name: division.name,
    level: division.level,
    // Some counties list no townships; they end the chain as well.
    isLeaf: division.level === 'township' || (divisionChildren(division.code)?.length ?? 0) === 0,
    fullName: divisionName(division.code) ?? division.name,
  };
}

export async function referenceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reference'];

  r.get(
    '/api/reference/industries',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '国民经济行业分类：下一级',
        querystring: industryLookupQuery,
        response: { 200: industryLookup },
      },
    },
    async (request) => {
      const parent = request.query.parent || null;
      const children = industryChildren(parent);
      if (!children) throw notFound();
      return {
        items: children.map(industryOption),
        ancestors: parent ? (industryPath(parent) ?? []).map(industryOption) : [],
      };
    },
  );

  r.get(
    '/api/reference/divisions',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '行政区划：下一级或按名称、代码查找',
        querystring: divisionLookupQuery,
        response: { 200: divisionLookup },
      },
    },
    async (request) => {
      const { q, limit } = request.query;
      if (q) return { items: divisionSearch(q, limit).map(divisionOption), ancestors: [] };
      const parent = request.query.parent || null;
      const children = divisionChildren(parent);
      if (!children) throw notFound();
      return {
        items: children.map(divisionOption),
        ancestors: parent ? (divisionPath(parent) ?? []).map(divisionOption) : [],
      };
    },
  );
}
