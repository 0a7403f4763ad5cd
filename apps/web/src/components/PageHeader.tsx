// The title row of every page: the title (a stable test hook) with optional actions on the right.
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  extra,
  children,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="page-header">
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Typography.Title level={4} className="page-title" data-testid="page-title">
          {title}
        </Typography.Title>
        {extra ? <div>{extra}</div> : null}
      </Flex>
      {children ? <div className="page-header-intro">{children}</div> : null}
    </div>
  );
}
