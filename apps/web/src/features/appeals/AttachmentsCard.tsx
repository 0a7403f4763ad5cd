// 附件 an appeal's attachments: the list with downloads, and uploading more (PDF, images, Office files; the
// server checks what a file is by its content and refuses one over the size limit).
import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Table, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealAttachmentView } from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { i18n } from '../../i18n/index.ts';
import { attachmentUrl, refreshAppeals, uploadAttachment } from './api.ts';

/** What the file chooser offers; the server decides by content. */
export const ATTACHMENT_ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,application/pdf,image/*';

/** Why a file was refused, as the server said it (its type, its size), led by the file's name. */
export function refusalOf(fileName: string, failure: unknown): string {
  if (isApiError(failure, 'PAYLOAD_TOO_LARGE'))
    return i18n.t('appeals.attachments.tooLarge', { name: fileName });
  const reasons = isApiError(failure) ? failure.details.map((detail) => detail.message) : [];
  return `${fileName}：${reasons.length > 0 ? reasons.join('；') : errorText(failure)}`;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function AttachmentsCard({
  appealId,
  attachments,
  canUpload,
}: {
  appealId: string;
  attachments: readonly AppealAttachmentView[];
  canUpload: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      await uploadAttachment(appealId, file);
      void message.success(t('appeals.attachments.uploaded', { name: file.name }));
      await refreshAppeals(queryClient);
    } catch (failure) {
      void message.error(refusalOf(file.name, failure), 6);
    } finally {
      setUploading(false);
    }
  };

  const columns: TableColumnsType<AppealAttachmentView> = [
    {
      title: t('appeals.attachments.fileName'),
      dataIndex: 'fileName',
      render: (name: string, attachment) => (
        <a href={attachmentUrl(appealId, attachment.id)} download={name} data-testid="attachment-download">
          <PaperClipOutlined /> {name}
        </a>
      ),
    },
    { title: t('appeals.attachments.size'), dataIndex: 'sizeBytes', width: 100, render: size },
    {
      title: t('appeals.attachments.uploadedBy'),
      dataIndex: 'uploadedByName',
      width: 120,
      render: (name: string | null) => name ?? '—',
    },
    {
      title: t('appeals.attachments.uploadedAt'),
      dataIndex: 'uploadedAt',
      width: 170,
      render: (value: string) => formatDateTime(value),
    },
    {
      key: 'download',
      width: 60,
      render: (_, attachment) => (
        <a
          href={attachmentUrl(appealId, attachment.id)}
          download={attachment.fileName}
          title={t('appeals.attachments.download')}
          aria-label={t('appeals.attachments.download')}
        >
          <DownloadOutlined />
        </a>
      ),
    },
  ];

  return (
    <Card
      title={t('appeals.detail.attachments')}
      extra={
        canUpload ? (
          <Upload
            accept={ATTACHMENT_ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">
              {t('appeals.attachments.upload')}
            </Button>
          </Upload>
        ) : null
      }
      data-testid="appeal-attachments"
    >
      <Table<AppealAttachmentView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...attachments]}
        pagination={false}
        locale={{ emptyText: t('appeals.attachments.empty') }}
      />
    </Card>
  );
}
