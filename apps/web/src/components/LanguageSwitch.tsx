// One button that toggles between Chinese and English; server-sent texts are refetched in the new language.
import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n/index.ts';

export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toggle = () => {
    setLanguage(currentLanguage() === 'en-US' ? 'zh-CN' : 'en-US');
    void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
  };
  return (
    <Button
      type="text"
      className={className}
      icon={<GlobalOutlined />}
      title={t('header.langSwitchTitle')}
      onClick={toggle}
      data-testid="lang-switch"
    >
      {t('header.langSwitch')}
    </Button>
  );
}
