import '@mantine/notifications/styles.css';
import { Notifications } from '@mantine/notifications';

/** Loaded by DeferredNotifications with the first notification. */
export default function NotificationStack() {
  return <Notifications position="bottom-right" />;
}
