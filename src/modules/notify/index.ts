/** The in-app inbox: notices written after a use case commits, read by their recipient. */
export { notifyRoutes } from './notify.routes.ts';
export {
  notifyUsers,
  notificationsAbout,
  listNotifications,
  markRead,
  markAllRead,
  markReadAboutInTx,
} from './notify.service.ts';
export type { Notice, NotificationView } from './notify.service.ts';
