// 快捷通道 direct channels to departments (政企直联): the list with liaisons and deadlines, create and change.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ChannelView, CreateChannelRequest, UpdateChannelRequest } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export const channelsQueryKey = ['channels'] as const;

export function useChannels() {
  return useQuery({
    queryKey: channelsQueryKey,
    queryFn: async () => (await api.get<{ items: ChannelView[] }>('/channels')).items,
    staleTime: 5 * 60_000,
  });
}

export async function createChannel(body: CreateChannelRequest): Promise<ChannelView> {
  return (await api.post<{ channel: ChannelView }>('/channels', body)).channel;
}

export async function updateChannel(id: string, body: UpdateChannelRequest): Promise<ChannelView> {
  return (await api.patch<{ channel: ChannelView }>(`/channels/${encodeURIComponent(id)}`, body)).channel;
}

export function refreshChannels(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: channelsQueryKey });
}

/**
 * The deadlines (working days) a channel gives an appeal of one category: the channel's own for that
 * category, else the channel-wide ones, else the category's defaults.
 */
export function channelDeadlines(
  channel: ChannelView,
  category: string,
  categoryDefaults: { respondDays: number; resolveDays: number } | undefined,
): { respondDays: number | null; resolveDays: number | null } {
  const own = channel.deadlines.find((deadline) => deadline.category === category);
  if (own) return { respondDays: own.respondDays, resolveDays: own.resolveDays };
  return {
    respondDays: channel.respondDays ?? categoryDefaults?.respondDays ?? null,
    resolveDays: channel.resolveDays ?? categoryDefaults?.resolveDays ?? null,
  };
}
