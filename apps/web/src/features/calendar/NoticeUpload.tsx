// 导入节假日安排通知 loading a year from the State Council's notice typed as JSON (docs/calendar/README.md):
// the file is read in the browser, sent whole, and every problem the server finds is listed by its place.
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarYearView } from '@qinqing/shared';
import { api, isApiError } from '../../api/client.ts';
import { errorText } from '../../components/errors.ts';
import { calendarQueryKey } from './api.ts';

/** The upload button; what is wrong with a file goes to `onProblems` (an empty list: nothing, or cleared). */
export function NoticeUpload({
  onLoaded,
  onProblems: setProblems,
}: {
  onLoaded: (year: number) => void;
  onProblems: (problems: string[]) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  const load = async (file: File) => {
    setProblems([]);
    let notice: unknown;
    try {
      notice = JSON.parse(await file.text());
    } catch {
      setProblems([t('calendar.notice.notJson', { name: file.name })]);
      return;
    }
    setBusy(true);
    try {
      const view = await api.post<CalendarYearView>('/calendar/notices', notice);
      await queryClient.invalidateQueries({ queryKey: calendarQueryKey });
      void message.success(t('calendar.notice.loaded', { year: view.year, count: view.days.length }));
      onLoaded(view.year);
    } catch (error) {
      setProblems(
        isApiError(error) && error.details.length > 0
          ? error.details.map((d) => `${d.path.replace(/^body\./, '')}：${d.message}`)
          : [errorText(error)],
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Upload
      accept=".json,application/json"
      showUploadList={false}
      beforeUpload={(file) => {
        void load(file);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} data-testid="calendar-notice-upload">
        {t('calendar.notice.upload')}
      </Button>
    </Upload>
  );
}

/** What is wrong with the notice file, each problem by its place in the file. */
export function NoticeProblems({ problems, onClose }: { problems: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <Alert
      className="form-alert"
      type="error"
      showIcon
      closable
      onClose={onClose}
      title={t('calendar.notice.failed')}
      description={
        <ul data-testid="calendar-notice-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      }
    />
  );
}
