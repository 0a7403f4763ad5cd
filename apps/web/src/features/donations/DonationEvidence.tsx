// 捐赠凭证 a donation's evidence in its drawer: the files with their downloads, and adding one (a bank slip,
// a receipt, a photo of the goods) for those who record donations, until the donation is voided.
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DonationView } from '@qinqing/shared';
import { formatDateTime } from '../../components/format.ts';
import { ATTACHMENT_ACCEPT, refusalOf } from '../appeals/AttachmentsCard.tsx';
import { donationsQueryKey, evidenceUrl, uploadEvidence } from './api.ts';

export function DonationEvidence({ donation }: { donation: DonationView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      await uploadEvidence(donation.id, file);
      void message.success(t('donations.evidence.uploaded', { name: file.name }));
      await queryClient.invalidateQueries({ queryKey: donationsQueryKey });
    } catch (failure) {
      void message.error(refusalOf(file.name, failure), 6);
    } finally {
      setUploading(false);
    }
  };

  return (
    <div style={{ marginTop: 16 }} data-testid="donation-evidence">
      <Typography.Title level={5}>{t('donations.evidence.title')}</Typography.Title>
      <List
        size="small"
        bordered
        dataSource={donation.attachments}
        locale={{ emptyText: t('donations.evidence.empty') }}
        renderItem={(attachment) => (
          <List.Item>
            <a href={evidenceUrl(donation.id, attachment.id)} download={attachment.fileName}>
              <PaperClipOutlined /> {attachment.fileName}
            </a>
            <Typography.Text type="secondary">
              {attachment.uploadedByName ?? '—'} · {formatDateTime(attachment.uploadedAt)}
            </Typography.Text>
          </List.Item>
        )}
      />
      {donation.mayAttach ? (
        <Upload
          accept={ATTACHMENT_ACCEPT}
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button
            icon={<UploadOutlined />}
            loading={uploading}
            style={{ marginTop: 8 }}
            data-testid="donation-evidence-upload"
          >
            {t('donations.evidence.upload')}
          </Button>
        </Upload>
      ) : null}
    </div>
  );
}
