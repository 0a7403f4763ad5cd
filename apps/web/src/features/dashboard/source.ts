// The dashboard as the source of its drill-downs: the lists it opens link back to it, same period and unit.
import { useTranslation } from 'react-i18next';
import { useDrillSource } from '../../components/drill-down.tsx';

export function useDashboardSource() {
  const { t } = useTranslation();
  return useDrillSource(t('dashboard.title'));
}
