import { Controller } from '@nestjs/common';
import { frmInternalV1 } from '@frm/contracts';
import { UnsubscribeHandler } from './unsubscribe.handler';

/** frm.internal.v1.NotificationLinkService: what the links in mails do, called by the gateway only. */
@Controller()
@frmInternalV1.NotificationLinkServiceControllerMethods()
export class NotificationLinksController {
  constructor(private readonly unsubscribes: UnsubscribeHandler) {}

  unsubscribe(request: frmInternalV1.UnsubscribeRequest): Promise<frmInternalV1.UnsubscribeResponse> {
    return this.unsubscribes.execute(request);
  }
}
