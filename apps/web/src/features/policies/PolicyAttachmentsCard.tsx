// 附件 a policy's files: the list with downloads; who may edit the policy uploads (PDF, Office: the server
// types a file by its content and refuses anything else or one over the size limit) and removes them.
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Table, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyAttachmentView, PolicyView } from '@qinqing/shared';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { refusalOf } from '../appeals/AttachmentsCard.tsx';
import {
  policiesQueryKey,
  policyAttachmentUrl,
  removePolicyAttachment,
  uploadPolicyAttachment,
} from './api.ts';

/** What the file chooser offers; the server decides by content. */
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,application/pdf';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function PolicyAttachmentsCard({ policy }: { policy: PolicyView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: policiesQueryKey });

  const upload = async (file: File) => {
    setUploading(true);
    try {
      await uploadPolicyAttachment(policy.id, file);
      void message.success(t('policies.attachments.uploaded', { name: file.name }));
      await refresh();
    } catch (failure) {
      void message.error(refusalOf(file.name, failure), 6);
    } finally {
      setUploading(false);
    }
  };
  const remove = async (attachment: PolicyAttachmentView) => {
    try {
      await removePolicyAttachment(policy.id, attachment.id);
      await refresh();
    } catch (failure) {
      void message.error(errorText(failure));
    }
  };

  const columns: TableColumnsType<PolicyAttachmentView> = [
    {
      title: t('policies.attachments.fileName'),
      dataIndex: 'fileName',
      render: (name: string, attachment) => (
        <a
          href={policyAttachmentUrl(policy.id, attachment.id)}
          download={name}
          data-testid="policy-attachment-download"
        >
          <PaperClipOutlined /> {name}
        </a>
      ),
    },
    { title: t('policies.attachments.size'), dataIndex: 'sizeBytes', width: 100, render: size },
    {
      title: t('policies.attachments.uploadedAt'),
      dataIndex: 'uploadedAt',
      width: 170,
      render: (value: string) => formatDateTime(value),
    },
    ...(policy.canEdit
      ? [
          {
            key: 'remove',
            width: 60,
            render: (_: unknown, attachment: PolicyAttachmentView) => (
              <Popconfirm
                title={t('policies.attachments.removeConfirm', { name: attachment.fileName })}
                onConfirm={() => remove(attachment)}
              >
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('policies.attachments.remove')}
                />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('policies.attachments.title')}
      extra={
        policy.canEdit ? (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="policy-attachment-upload">
              {t('policies.attachments.upload')}
            </Button>
          </Upload>
        ) : null
      }
      data-testid="policy-attachments"
    >
      <Table<PolicyAttachmentView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...policy.attachments]}
        pagination={false}
        locale={{ emptyText: t('policies.attachments.empty') }}
      />
    </Card>
  );
}
