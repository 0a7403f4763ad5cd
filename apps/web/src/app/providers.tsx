// Everything a page relies on: React Query, the Ant Design theme and locale (following the chosen
// language), and Ant Design's App context for message/modal hooks.
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme as antTheme, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../api/query-client.ts';
import { labelLang } from '../i18n/index.ts';

const SIDER_BG = '#0f1b2d';

// 政务红 as the accent on a calm navy frame: the look of Chinese government work systems.
const theme: ThemeConfig = {
  algorithm: antTheme.defaultAlgorithm,
  token: {
    colorPrimary: '#b8141c',
    colorLink: '#b8141c',
    colorInfo: '#1f5fbf',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      siderBg: SIDER_BG,
      headerBg: '#ffffff',
      headerHeight: 56,
      headerPadding: '0 20px',
      bodyBg: '#f2f3f5',
      footerBg: '#f2f3f5',
    },
    Menu: {
      darkItemBg: SIDER_BG,
      darkSubMenuItemBg: '#0a1422',
      darkItemSelectedBg: '#b8141c',
      itemHeight: 44,
    },
    Table: { headerBg: '#f7f8fa' },
  },
};

export function AppProviders({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = labelLang(i18n.language) === 'en' ? enUS : zhCN;
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={locale} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
