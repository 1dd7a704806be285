import type { Translation } from '../i18n.js';

/**
 * Español. Escrito en un español neutro (tú, sin vosotros ni giros de una sola región), porque también lo leen los
 * miembros con Discord en español de Latinoamérica (es-419). Tono directo: frases cortas que dicen qué hacer a
 * continuación. Los comandos citados en las frases usan sus nombres en español (las claves `command.*.name` de
 * abajo), que es como Discord los muestra a quien usa la app en español.
 */
export default {
	guildOnly: 'Rolink funciona dentro de un servidor: usa este comando en un servidor donde esté Rolink.',
	unknownCommand:
		'Este comando ya no existe. Puede que Discord muestre una lista antigua: reinicia la aplicación de Discord.',
	staleComponent: 'Este botón es de un mensaje antiguo y ya no funciona. Vuelve a usar el comando.',
	unexpectedError:
		'Algo ha fallado por nuestra parte. Inténtalo de nuevo; si sigue pasando, da este código de error al equipo del servidor: `{{errorId}}`.',
	invalidChoice: '`{{option}}` no es una de las opciones. Elige una de la lista que muestra Discord.',
	shuttingDown: 'Rolink se está reiniciando. Inténtalo de nuevo en un minuto.',
	storageUnavailable:
		'Rolink no puede acceder a su base de datos ahora mismo. No se ha cambiado nada; inténtalo de nuevo en un minuto.',
	notYourButton: 'Estos botones son de quien usó el comando. Úsalo tú para tener los tuyos.',
	tooFast: {
		one: 'Estás haciendo eso demasiado seguido. Inténtalo de nuevo en {{count}} segundo.',
		other: 'Estás haciendo eso demasiado seguido. Inténtalo de nuevo en {{count}} segundos.',
	},
	missingPermission: 'Necesitas el permiso **{{permission}}** para hacer esto.',
	missingPermissionEither: 'Necesitas el permiso **{{first}}** o **{{second}}** para hacer esto.',
	botMissingPermissions:
		'Discord lo ha rechazado: a Rolink le falta un permiso aquí. Dale al rol de Rolink **Gestionar roles** (y **Gestionar apodos** para los apodos) y arrástralo por encima de los roles que gestiona (Ajustes del servidor → Roles).',
	memberLeft: 'Ese miembro ya no está en este servidor.',

	permAdministrator: 'Administrador',
	permManageGuild: 'Gestionar servidor',
	permManageRoles: 'Gestionar roles',
	permModerateMembers: 'Aislar temporalmente a miembros',
	permBanMembers: 'Banear miembros',
	permKickMembers: 'Expulsar miembros',
	permManageChannels: 'Gestionar canales',
	permManageWebhooks: 'Gestionar webhooks',
	permMentionEveryone: 'Mencionar @everyone',

	inventoryPrivate:
		'Tu inventario de Roblox es privado, así que Rolink no puede ver lo que tienes. Tus roles se han quedado como estaban. Para arreglarlo: Roblox → Configuración → Privacidad → "¿Quién puede ver mi inventario?" → Todos, y después usa /actualizar.',
	inventoryPrivateDm:
		'Rolink no ha podido revisar tus objetos de Roblox para **{{guild}}**: tu inventario es privado. Tus roles se han quedado como estaban. Para arreglarlo: Roblox → Configuración → Privacidad → "¿Quién puede ver mi inventario?" → Todos, y después usa /actualizar en el servidor.',
	inventoryPrivateOf: 'El inventario de Roblox de {{name}} es privado, así que Rolink no puede ver lo que tiene.',
	robloxUserNotFound:
		'Roblox no tiene ningún usuario con ese nombre o ID. Revisa cómo está escrito o usa el ID numérico que aparece en el enlace del perfil.',
	robloxBusy:
		'Roblox está limitando nuestras peticiones ahora mismo. No se ha quitado nada; inténtalo de nuevo en un minuto.',
	robloxUnavailable:
		'Roblox no responde ahora mismo. No se ha quitado nada; inténtalo de nuevo dentro de unos minutos.',
	robloxKeyRejected:
		'Roblox ha rechazado la clave de API de este bot. Un administrador del servidor debería avisar a quien gestiona el bot (que ejecute `npm run doctor`).',

	invalidUsername:
		'Ese no es un nombre de usuario válido de Roblox: tiene de 3 a 20 letras y números, con un guion bajo como mucho (ni al principio ni al final). También puedes dar el ID numérico.',
	invalidUserId: 'Los ID de usuario de Roblox son números enteros mayores que 0, como `1234567`.',
	bannedUser: 'La cuenta de Roblox **{{name}}** está baneada, así que no se puede vincular.',

	verifyNeedUsername: 'Todavía no estás vinculado. Usa `/verificar usuario:<tu nombre en Roblox>` para empezar.',
	verifyInstructions:
		'Vamos a comprobar que **{{displayName}}** (@{{name}}) eres tú.\n1. Abre tu perfil de Roblox, edita **Acerca de** y pega este código en cualquier parte del texto:\n```\n{{code}}\n```\n2. Guarda y pulsa **Comprobar** aquí abajo. El código vale hasta las <t:{{expires}}:t>.\nCuando ya estés vinculado, puedes quitar el código de tu Acerca de.',
	verifyFooter: 'ID de usuario en Roblox: {{id}}',
	verifyCheckLabel: 'Comprobar',
	verifyOpenProfileLabel: 'Abrir perfil',
	verifyCodeNotFound:
		'El código todavía no está en el Acerca de de tu perfil de Roblox. Guarda el perfil y pulsa **Comprobar** otra vez; el código vale hasta las <t:{{expires}}:t>.',
	verifyCodeExpired: 'Tu código de verificación ha caducado. Vuelve a usar `/verificar` para recibir otro.',
	verifyLinked: 'Listo, ya estás vinculado a **{{name}}**.',
	verifyLinkedTookOver:
		'Listo, ya estás vinculado a **{{name}}**. Esa cuenta estaba vinculada a otra cuenta de Discord; ese vínculo se ha eliminado.',
	verifyAlreadyLinked: 'Estás vinculado a **{{name}}**. Tus roles se han actualizado.',
	verifyNotForYou: 'Esta comprobación es de otra persona. Usa `/verificar` tú.',
	unlinkConfirm:
		'¿Desvincular tu cuenta de Discord de **{{name}}**? Rolink te quitará los roles que te dio por esa cuenta en este servidor.',
	unlinkDone: 'Desvinculado de **{{name}}**. Usa /verificar para volver a vincularte.',
	unlinkOtherConfirm:
		'¿Desvincular a {{member}} de **{{name}}**? Rolink le quitará los roles que le dio por esa cuenta, aquí y en todos los servidores que comparte con esa persona.',
	unlinkOtherDone: '{{member}} se ha desvinculado de **{{name}}**.',
	unlinkConfirmLabel: 'Desvincular',
	unlinkCancelLabel: 'Cancelar',
	unlinkCancelled: 'No ha cambiado nada: sigues vinculado.',
	notLinked:
		'No estás vinculado a ninguna cuenta de Roblox. Usa `/verificar usuario:<tu nombre en Roblox>` para vincularte.',
	memberNotLinked: '{{member}} no ha vinculado ninguna cuenta de Roblox.',

	summaryAdded: 'Añadidos: {{roles}}',
	summaryRemoved: 'Quitados: {{roles}}',
	summaryNickname: 'Apodo: {{nickname}}',
	summaryUpToDate: 'Tus roles ya están al día.',
	summaryBlocked:
		'No se pueden gestionar {{roles}}: arrastra el rol de Rolink por encima de ellos y dale Gestionar roles (Ajustes del servidor → Roles).',
	rolesKeptOnError:
		'No se ha podido revisar todo en Roblox, así que no se ha quitado ningún rol. Rolink lo volverá a intentar más tarde.',
	updateOtherHeader: '{{member}}:',

	bindingAdded: 'Los miembros que tengan {{what}} ahora reciben <@&{{roleId}}>. (regla `{{id}}`)',
	bindingDuplicate: 'Esa regla ya existe: {{what}} → <@&{{roleId}}>.',
	bindingRemoved:
		'Regla {{what}} → <@&{{roleId}}> eliminada. Los miembros conservan el rol hasta su próxima actualización.',
	bindingNotFound: 'Ninguna regla tiene ese ID. Usa `/roles lista` para ver los ID.',
	bindingLimit: 'Este servidor ha llegado al límite de {{max}} reglas. Quita una con `/roles quitar` primero.',
	bindingNeedsId:
		'Indica el ID del objeto (`id:`) para este tipo. Solo `Cualquier coleccionable (limitado)` no lo necesita.',
	bindingNoIdForCollectible: 'El tipo coleccionable significa "tiene cualquier limitado": deja `id` vacío.',
	invalidItemId:
		'Los ID de objeto son números enteros mayores que 0, como en el enlace del objeto en Roblox (p. ej., roblox.com/badges/**2124**…).',
	badgeNotFound:
		'Roblox no tiene ninguna insignia con el ID {{id}}. Copia el ID del enlace de la página de la insignia.',
	roleIsEveryone: 'El rol @everyone no se puede usar en una regla. Crea un rol para eso.',
	roleIsManaged: '<@&{{roleId}}> lo gestiona una integración (un bot o una suscripción) y Rolink no puede darlo.',
	roleAboveBot:
		'<@&{{roleId}}> está por encima del rol más alto de Rolink, así que Discord no deja que Rolink lo dé. Para arreglarlo: Ajustes del servidor → Roles, arrastra el rol de Rolink por encima de <@&{{roleId}}>.',
	roleDangerous:
		'<@&{{roleId}}> tiene permisos peligrosos ({{permissions}}). Cualquiera que comprara el objeto los tendría.',
	roleDangerousOverridable:
		'<@&{{roleId}}> tiene permisos peligrosos ({{permissions}}). Cualquiera que comprara el objeto los tendría. Si de verdad es lo que quieres, vuelve a usar el comando con `permitir-peligroso: True`.',
	botLacksManageRoles:
		'Rolink no tiene el permiso **Gestionar roles** aquí. Dáselo al rol de Rolink en Ajustes del servidor → Roles.',
	noBindings: 'Este servidor todavía no tiene reglas. Crea una con `/roles añadir`.',
	bindingBadge: 'insignia {{id}}',
	bindingGamePass: 'pase de juego {{id}}',
	bindingAsset: 'objeto {{id}}',
	bindingPrivateServer: 'servidor privado {{id}}',
	bindingCollectible: 'cualquier coleccionable',
	bindingWithName: '{{binding}} "{{name}}"',
	bindingListTitle: 'Reglas ({{count}})',
	bindingProblemNoManageRoles: 'a Rolink le falta Gestionar roles: dáselo al rol de Rolink.',
	bindingProblemRoleDeleted: 'el rol se ha borrado: `/roles quitar regla:{{id}}`.',
	bindingProblemAboveBot:
		'el rol está por encima del rol más alto de Rolink: arrastra el rol de Rolink por encima (Ajustes del servidor → Roles).',
	bindingProblemManaged: 'el rol lo gestiona una integración: usa otro rol.',

	settingsSaved: 'Ajustes guardados.',
	invalidNicknameTemplate: 'Esa plantilla de apodo no funciona: {{reason}}',
	nicknameEmpty: 'está vacía.',
	nicknameUnknownPlaceholder: 'el marcador {{placeholder}} no existe. Usa {{placeholders}}.',
	nicknameNoPlaceholder:
		'no tiene ningún marcador, así que todos los miembros tendrían el mismo apodo. Usa {{placeholders}}.',
	nicknameTooLong:
		'puede llegar a {{length}} caracteres con nombres largos, y Discord permite {{max}}. Usa menos marcadores o {smart-name}, que se acorta solo.',
	settingsTitle: 'Ajustes de Rolink',
	settingsVerifiedRole: 'Rol de verificado',
	settingsUnverifiedRole: 'Rol de no verificado',
	settingsAuditChannel: 'Canal de registro',
	settingsNicknameTemplate: 'Plantilla de apodo',
	settingsAutoVerify: 'Verificar al entrar',
	settingsOn: 'activado',
	settingsOff: 'desactivado',

	bulkAlreadyRunning:
		'Ya hay una actualización de todos los miembros en marcha en este servidor. Detenla con su botón Detener o espera a que termine.',
	bulkStarting: 'Empezando a actualizar a todos los miembros…',
	bulkStarted: 'Empezado. Progreso: {{url}}',
	bulkStartedNoProgress:
		'Empezado. Rolink no puede publicar en este canal (necesita Ver canales, Enviar mensajes e Insertar enlaces), así que no habrá mensaje de progreso; el resumen irá al canal de registro si hay uno.',
	bulkStopped: 'Detenido. Los miembros ya actualizados conservan los cambios.',
	bulkNotRunning: 'No hay ninguna actualización en marcha en este servidor.',
	bulkTitleRunning: 'Actualizando a todos los miembros…',
	bulkTitleDone: 'Actualización terminada',
	bulkTitleStopped: 'Actualización detenida',
	bulkProgress: '{{processed}} / {{total}} miembros ({{percent}} %)',
	bulkChanged: 'Con cambios',
	bulkFailed: 'Con errores',
	bulkNotLinked: 'Omitidos (sin vincular o pendientes)',
	bulkTimeLeft: 'Tiempo restante',
	bulkEstimating: 'calculando…',
	bulkLatestFailures: 'Últimos errores',
	bulkFooter: 'Ejecución {{runId}}',
	bulkFooterResumed: 'Ejecución {{runId}} · reanudada tras un reinicio',
	bulkStopLabel: 'Detener',
	durationSeconds: '{{s}} s',
	durationMinutes: '{{m}} min {{s}} s',
	durationHours: '{{h}} h {{m}} min',
	bulkFailureEditRefused: 'Discord rechazó el cambio: {{error}}',
	bulkFailureBlocked:
		'no se pueden gestionar {{roles}}: pon el rol de Rolink por encima y dale a Rolink Gestionar roles',
	bulkFailureRoblox: 'Roblox: {{reason}}',
	bulkFailureListing: 'Discord no dio la lista de miembros ({{error}}); vuelve a usar /actualizar-todos',
	bulkFailureUnexpected: 'error inesperado: {{error}}',
	robloxReasonPrivate: 'el inventario es privado',
	robloxReasonRateLimited: 'límite de peticiones alcanzado',
	robloxReasonUnavailable: 'no responde',
	robloxReasonOther: '{{code}}',

	pagerExpired: 'Esta vista del inventario ha caducado. Vuelve a usar `/inventario`.',
	lookupNoMember: 'Ningún miembro de este servidor está vinculado a la cuenta de Roblox **{{name}}**.',
	inventoryPrivateBrowseSelf:
		'Tu inventario de Roblox es privado, así que Rolink no puede mostrarlo. Para hacerlo visible: Roblox → Configuración → Privacidad → "¿Quién puede ver mi inventario?" → Todos.',
	inventoryPrivateBrowse:
		'El inventario de Roblox de {{name}} es privado, así que Rolink no puede mostrarlo. Esa persona puede hacerlo visible en: Roblox → Configuración → Privacidad → "¿Quién puede ver mi inventario?" → Todos.',
	answeredPrivately: 'Respondido en privado.',
	inventoryEmptySelf: 'No tienes {{kind}} en Roblox (al menos, nada que Roblox muestre).',
	inventoryEmpty: '{{name}} no tiene {{kind}} en Roblox (al menos, nada que Roblox muestre).',
	inventoryKindBadges: 'insignias',
	inventoryKindGamePasses: 'pases de juego',
	inventoryKindCollectibles: 'coleccionables (limitados)',
	inventoryKindWearables: 'accesorios ni ropa',
	inventoryKindAll: 'objetos',
	inventoryHeaderBadges: 'Insignias',
	inventoryHeaderGamePasses: 'Pases de juego',
	inventoryHeaderCollectibles: 'Coleccionables (limitados)',
	inventoryHeaderWearables: 'Accesorios y ropa',
	inventoryHeaderAll: 'Objetos',
	inventoryHeader: '**{{title}}**',
	inventoryHeaderTotal: '**{{title}}** ({{total}})',
	robloxAccountTitle: '{{displayName}} (@{{name}})',
	inventoryBadge: '🏅 {{name}}',
	inventoryBadgeUnnamed: '🏅 Insignia {{id}}',
	inventoryGamePass: '🎟️ Pase de juego {{id}}',
	inventoryAsset: '🧩 {{type}} {{id}}',
	inventoryPrivateServer: '🏠 Servidor privado {{id}}',
	inventorySerial: 'n.º {{serial}}',
	inventoryObtained: 'conseguido el <t:{{unix}}:d>',
	inventoryMore: {
		one: '…y {{count}} más en esta página',
		other: '…y {{count}} más en esta página',
	},
	pagerPage: 'Página {{page}}',
	pagerPageOf: 'Página {{page}} de {{pages}}',
	pagerFirstLabel: 'Primera',
	pagerPreviousLabel: 'Anterior',
	pagerNextLabel: 'Siguiente',
	pagerLastLabel: 'Última',
	assetTypeUnspecified: 'Objeto',
	assetTypeClassicTShirt: 'Camiseta clásica',
	assetTypeClassicShirt: 'Camisa clásica',
	assetTypeClassicPants: 'Pantalones clásicos',
	assetTypeClassicHead: 'Cabeza',
	assetTypeTShirtAccessory: 'Accesorio de camiseta',
	assetTypeDressSkirtAccessory: 'Accesorio de vestido o falda',
	assetTypeMeshPart: 'Pieza de malla',
	assetTypeEmoteAnimation: 'Emote',
	assetTypeCreatedPlace: 'Experiencia',
	assetTypePurchasedPlace: 'Experiencia comprada',

	lookupDiscordMember: 'Discord: <@{{discordId}}>',
	lookupRobloxId: 'ID en Roblox: `{{id}}`',
	lookupAccountCreated: 'Cuenta creada: <t:{{unix}}:D> (<t:{{unix}}:R>)',
	lookupAccountBanned: '⛔ Esta cuenta de Roblox está baneada.',
	lookupAccountGone: 'Roblox ya no tiene ninguna cuenta con el ID `{{id}}`.',
	lookupLinked: 'Vinculada {{method}}',
	lookupLinkedAt: 'Vinculada <t:{{unix}}:R> {{method}}',
	lookupMethodProfileCode: 'con un código en el perfil de Roblox',
	lookupMethodTakeover: 'demostrando que controla la cuenta de Roblox (quitada a otra cuenta de Discord)',
	lookupMethodImport: 'por una importación',
	lookupBindingsHeader: '**Reglas**',
	lookupBindingLine: '{{binding}} → <@&{{roleId}}>: {{owns}} · {{role}}',
	lookupNoBindingsHere: 'Este servidor no tiene reglas.',
	lookupInventoryPrivate:
		'🔒 Su inventario de Roblox es privado, así que no se puede comprobar lo que tiene. (Roblox → Configuración → Privacidad → "¿Quién puede ver mi inventario?" → Todos.)',
	lookupOwnershipUnavailable:
		'⚠️ No se ha podido consultar a Roblox ahora mismo, así que no se sabe lo que tiene. Inténtalo de nuevo en un minuto.',
	lookupOwns: '✅ lo tiene',
	lookupOwnsNot: '❌ no lo tiene',
	lookupOwnsUnknown: '❔ no se sabe',
	lookupRoleHas: '✅ tiene el rol',
	lookupRoleHasRemoved: '⚠️ tiene el rol (se quita en la próxima actualización)',
	lookupRoleMissingAdded: '⚠️ sin el rol (se añade en la próxima actualización)',
	lookupRoleMissing: '➖ sin el rol',
	lookupRoleDeleted: '⚠️ el rol se ha borrado',
	lookupRoleNotMember: '➖ no está en este servidor',
	lookupMoreBindings: {
		one: '…y {{count}} regla más',
		other: '…y {{count}} reglas más',
	},

	auditBy: 'Por <@{{userId}}>',
	auditBindingAdded: 'Regla añadida',
	auditBindingRemoved: 'Regla eliminada',
	auditBindingLine: '{{binding}} → <@&{{roleId}}>',
	auditSettingsChanged: 'Ajustes cambiados',
	auditSettingChanged: 'Cambiado: {{setting}}',
	auditAccountLinked: 'Cuenta vinculada',
	auditAccountTakenOver: 'Cuenta transferida',
	auditLinkedLine: '<@{{discordId}}> se vinculó a {{name}} ({{robloxId}})',
	auditTakenOverLine: 'La cuenta estaba vinculada a <@{{previous}}>; ese vínculo se ha eliminado.',
	auditAccountUnlinked: 'Cuenta desvinculada',
	auditUnlinkedLine: '<@{{discordId}}> se desvinculó de {{name}} ({{robloxId}})',
	auditRolesUpdated: 'Roles actualizados',
	auditMember: 'Miembro: <@{{userId}}> ({{tag}})',
	auditRoblox: 'Roblox: {{name}} ({{id}})',
	auditTrigger: 'Motivo: {{trigger}}',
	auditBulkSummary: 'Resumen de la actualización general',
	auditBulkChecked:
		'{{processed}} miembros revisados: {{changed}} con cambios, {{failed}} con errores, {{skipped}} omitidos (sin vincular o sin aceptar las normas del servidor).',
	auditBulkFinished: 'Iniciada por <@{{userId}}>; terminada.',
	auditBulkStopped: 'Iniciada por <@{{userId}}>; detenida.',
	auditFailureLine: '• <@{{memberId}}>: {{reason}}',

	triggerVerify: '/verificar',
	triggerUpdate: '/actualizar',
	triggerJoin: 'el miembro entró',
	triggerSweep: 'revisión automática',
	triggerBulk: '/actualizar-todos',
	triggerLink: 'cuenta vinculada',
	triggerUnlink: 'cuenta desvinculada',
	editReason: 'Rolink: {{trigger}}',

	settingsVerifyPanel: 'Panel de verificación',
	settingsMinAccountAge: 'Antigüedad mínima de la cuenta de Roblox',
	settingsDays: { one: '{{count}} día', other: '{{count}} días' },
	lookupMethodOAuth: 'iniciando sesión en Roblox',
	auditPanelIn: 'Panel de verificación en <#{{channelId}}>',
	auditLinkedSignInLine: '<@{{discordId}}> se vinculó a {{name}} ({{robloxId}}) iniciando sesión en Roblox',
	triggerScreening: 'el miembro aceptó las normas del servidor',
	heldBackScreening:
		'Todavía no has aceptado las normas de este servidor (verificación de miembros), así que Rolink no te da roles hasta que lo hagas. Acepta las normas y tus roles llegarán al momento.',
	heldBackScreeningOf:
		'Todavía no ha aceptado las normas de este servidor (verificación de miembros): sin roles hasta que lo haga.',
	heldBackAccountAge:
		'Este servidor solo da roles a cuentas de Roblox con al menos {{minDays}} días, y la tuya es más nueva, así que todavía no recibes roles. Sigues vinculado: vuelve a intentarlo a partir del <t:{{eligible}}:f> (<t:{{eligible}}:R>) con /actualizar, o espera a la revisión diaria de Rolink.',
	heldBackAccountAgeOf:
		'Su cuenta de Roblox es más nueva que el mínimo de {{minDays}} días de este servidor: sin roles hasta el <t:{{eligible}}:f>.',
	lookupHeldBackAge:
		'⏳ Restricción: cuenta más nueva que el mínimo de {{minDays}} días de este servidor; sin roles hasta el <t:{{eligible}}:f> (<t:{{eligible}}:R>).',
	lookupAgeUnknown:
		'❔ Restricción: este servidor exige cuentas con {{minDays}} días, y Roblox no ha dicho cuándo se creó esta; los roles se quedan como están.',
	lookupPendingScreening:
		'⏳ Restricción: todavía no ha aceptado las normas de este servidor (verificación de miembros).',
	invalidAccountAge:
		'La antigüedad mínima de la cuenta es un número entero de días, de 1 a {{max}} (desactívala para quitarla).',
	panelTitle: 'Verifica tu cuenta de Roblox',
	panelDefaultText: 'Pulsa **Verificar** para vincular tu cuenta de Roblox y recibir tus roles. Solo tú ves los pasos.',
	panelVerifyLabel: 'Verificar',
	panelPosted: 'Panel de verificación publicado: {{url}}',
	panelNeedChannel: 'Indica dónde va el panel: `/ajustes panel canal:#canal`.',
	panelCannotPost:
		'Rolink no puede publicar en <#{{channelId}}>: dale **Ver canales**, **Enviar mensajes** e **Insertar enlaces** allí.',
	panelAt: 'en <#{{channelId}}>: {{url}}',
	panelGone: '⚠️ borrado de <#{{channelId}}>; usa `/ajustes panel` para volver a publicarlo',
	verifyEnterUsernameLabel: 'Escribir mi nombre de Roblox',
	verifyUsernameModalTitle: 'Vincula tu cuenta de Roblox',
	verifyUsernameInputLabel: 'Nombre de usuario o ID en Roblox',
	verifyLinkLabel: 'Vincular con Roblox',
	verifyOAuthOffer:
		'Pulsa **Vincular con Roblox**: inicias sesión en Discord, después en Roblox, y tus roles llegan al momento. El botón funciona una vez, durante {{minutes}} minutos, y solo para ti. ¿Prefieres no iniciar sesión? Usa `/verificar usuario:<tu nombre en Roblox>` para vincularte con un código en tu perfil de Roblox.',
	webHomeTitle: 'Rolink',
	webHomeText: 'Usa /verificar en tu servidor de Discord y pulsa "Vincular con Roblox" para vincular tus cuentas.',
	webLinkedTitle: 'Cuentas vinculadas',
	webLinked: 'Tu cuenta de Discord {{discord}} ya está vinculada a la cuenta de Roblox {{roblox}} (ID {{robloxId}}).',
	webTookOver: 'Esa cuenta de Roblox estaba vinculada a otra cuenta de Discord; ese vínculo se ha eliminado.',
	webRolesGranted: 'Tus roles en {{guild}} se han actualizado: {{roles}}.',
	webRolesUpToDate: 'Tus roles en {{guild}} ya están al día.',
	webRolesLater: 'Tus roles se actualizarán la próxima vez que uses Rolink en un servidor (o uses /actualizar).',
	webTokenKept:
		'Has permitido que Rolink lea tu inventario de Roblox, así que tus roles funcionan aunque el inventario sea privado. Usa /desvincular para retirar ese permiso.',
	webCloseTab: 'Ya puedes cerrar esta pestaña.',
	webRefusedTitle: 'No se ha vinculado nada',
	webTryAgain: 'Vuelve a usar /verificar en Discord para recibir un botón nuevo.',
	webLinkUsed:
		'Este enlace ya se ha usado o ha caducado. Cada botón "Vincular con Roblox" funciona una vez, durante 10 minutos.',
	webNoSession:
		'Este inicio de sesión no empezó en este navegador, o ha tardado más de 10 minutos. Por tu seguridad, se ha detenido.',
	webDiscordFirst: 'Primero tienes que iniciar sesión en Discord, desde el enlace que te dio Rolink.',
	webWrongDiscord:
		'Has iniciado sesión en Discord como {{signedIn}}, pero este enlace se hizo para otra cuenta de Discord. No se ha vinculado ninguna cuenta. Si alguien te ha enviado este enlace, no lo uses: usa /verificar tú.',
	webDiscordRefused: 'Discord no ha confirmado tu inicio de sesión.',
	webRobloxRefused: 'Roblox no ha confirmado tu inicio de sesión, o su respuesta no ha pasado nuestras comprobaciones.',
	webRobloxUnavailable: 'Roblox no responde ahora mismo. Inténtalo de nuevo dentro de unos minutos.',
	webUnexpected:
		'Algo ha fallado por nuestra parte. Inténtalo de nuevo; si sigue pasando, da este código de error al equipo del servidor: {{errorId}}.',
	webTooFast: 'Demasiadas peticiones desde tu red. Espera un minuto y vuelve a intentarlo.',
	webNotFound: 'Aquí no hay ninguna página.',

	exportReady: {
		one: 'Aquí tienes los ajustes de Rolink de este servidor y {{count}} regla. Guarda el archivo: `/ajustes importar` lo restaura, aquí o en otro servidor (los roles y canales se buscan por ID y después por nombre).',
		other:
			'Aquí tienes los ajustes de Rolink de este servidor y {{count}} reglas. Guarda el archivo: `/ajustes importar` lo restaura, aquí o en otro servidor (los roles y canales se buscan por ID y después por nombre).',
	},
	importBadFile: 'Ese archivo no se puede importar: {{problem}}. No se ha cambiado nada.',
	importPreviewTitle: 'Importar ajustes: vista previa',
	importPreviewHelp:
		'No cambia nada hasta que pulses **Aplicar**; entonces se guarda todo lo de abajo de una vez. El archivo sustituye los ajustes y las reglas actuales.',
	importAdded: 'Añadidos ({{count}})',
	importChanged: 'Cambiados ({{count}})',
	importRemoved: 'Quitados ({{count}})',
	importUnmappable: 'Sin correspondencia, se dejan fuera ({{count}})',
	importMore: { one: '…y {{count}} más', other: '…y {{count}} más' },
	importApplyLabel: 'Aplicar',
	importCancelLabel: 'Cancelar',
	importApplied: {
		one: 'Importado. Este servidor tiene ahora {{count}} regla; los miembros recibirán sus roles en su próxima actualización (o usa /actualizar-todos).',
		other:
			'Importado. Este servidor tiene ahora {{count}} reglas; los miembros recibirán sus roles en su próxima actualización (o usa /actualizar-todos).',
	},
	importCancelled: 'Importación cancelada. No se ha cambiado nada.',
	importExpired: 'Esta vista previa de la importación ha caducado. Vuelve a usar `/ajustes importar`.',
	importRoleManaged: 'lo gestiona una integración',
	importRoleAboveBot: 'está por encima del rol más alto de Rolink',
	importRoleProblem: 'Rolink no puede dar <@&{{roleId}}> ({{problem}})',
	bulkRetries: 'Reintentos',
	bulkRetrying: {
		one: 'Ya se ha revisado a todos los miembros una vez. Revisando de nuevo al {{count}} miembro que falló (ronda {{round}} de {{rounds}}) desde las <t:{{at}}:T>.',
		other:
			'Ya se ha revisado a todos los miembros una vez. Revisando de nuevo a los {{count}} miembros que fallaron (ronda {{round}} de {{rounds}}) desde las <t:{{at}}:T>.',
	},
	bulkStillFailed: {
		one: '{{count}} miembro siguió fallando tras {{retries}}; sus roles se han quedado como estaban.',
		other: '{{count}} miembros siguieron fallando tras {{retries}}; sus roles se han quedado como estaban.',
	},
	bulkRetryFrom: 'La revisión automática los volverá a intentar desde el <t:{{at}}:f>.',
	bulkRetryLater: 'Vuelve a usar /actualizar-todos más tarde para reintentarlo.',
	bulkAllRecovered:
		'Los miembros que fallaron al principio se han revisado de nuevo ({{retries}}); al final no falló ninguno.',
	retries: { one: '{{count}} reintento', other: '{{count}} reintentos' },
	auditSettingsImported: 'Ajustes importados',
	auditImportCounts: 'Añadidos {{added}}, cambiados {{changed}}, quitados {{removed}}, dejados fuera {{unmappable}}',

	boundRoleDeletedTitle: 'Rol de una regla borrado',
	boundRoleDeleted: {
		one: 'El rol **{{name}}** ({{roleId}}) se ha borrado. Esta regla lo daba y ahora no hace nada: {{ids}}.',
		other:
			'El rol **{{name}}** ({{roleId}}) se ha borrado. Estas {{count}} reglas lo daban y ahora no hacen nada: {{ids}}.',
	},
	boundRoleDeletedHelp:
		'Aparecen marcadas en `/roles lista`. Un administrador del servidor puede quitarlas con el botón de abajo.',
	removeDeletedRoleBindingsLabel: 'Quitar reglas de roles borrados',
	deletedRoleBindingsRemoved: {
		one: 'Se ha quitado {{count}} regla de roles borrados.',
		other: 'Se han quitado {{count}} reglas de roles borrados.',
	},
	deletedRoleBindingsNone: 'No hay nada que quitar: ahora ninguna regla apunta a un rol borrado.',
	auditDeletedRoleBindingsRemoved: 'Reglas de roles borrados quitadas',
	auditProvedTwice: 'Cuenta demostrada dos veces a la vez',
	auditProvedTwiceLine: '<@{{userId}}> y <@{{holderId}}> demostraron {{name}} ({{robloxId}}) en el mismo momento.',
	auditProvedTwiceKept:
		'Se mantiene el vínculo de <@{{holderId}}> (vinculado a las <t:{{linkedAt}}:T>); <@{{userId}}> no se ha vinculado y se le ha dicho que lo vuelva a intentar.',
	accountJustLinked:
		'**{{name}}** se ha vinculado a otra cuenta de Discord en el mismo momento, así que tú no te has vinculado. Si la cuenta es tuya, pulsa **Comprobar** otra vez para quedártela (tu código sigue valiendo).',
	verifyLinkGoneSince:
		'**{{name}}** se vinculó a otra cuenta de Discord justo después que tú, así que ahora no estás vinculado a ella. Vuelve a usar /verificar si es tuya.',

	robloxAccountGoneTitle: 'La cuenta de Roblox ya no existe',
	robloxAccountGone:
		'La cuenta de Roblox de <@{{memberId}}>, {{name}} ({{robloxId}}), responde "el usuario no existe" en Roblox: Roblox la ha borrado o cerrado.',
	robloxAccountGoneSince:
		'La cuenta de Roblox de <@{{memberId}}>, {{name}} ({{robloxId}}), responde "el usuario no existe" en Roblox desde el <t:{{since}}:f>: Roblox la ha borrado o cerrado.',
	robloxAccountGoneHelp:
		'Se le han quitado los roles de las reglas y el de verificado; el vínculo se guarda, marcado como inexistente, para /consultar. El miembro puede vincular otra cuenta con /verificar.',
	verifyAccountGone:
		'Tu cuenta de Roblox vinculada, **{{name}}**, ya no existe en Roblox, así que cuentas como no vinculado. Vincula otra cuenta: `/verificar usuario:<tu nombre en Roblox>`.',
	lookupGone:
		'⚠️ Esta cuenta de Roblox ya no existe (borrada o cerrada; marcada el <t:{{at}}:f>). El miembro no tiene roles por ella y puede vincular otra.',
	bindingGiveOnlyMark: '(solo dar)',
	bindingGiveOnlyAdded:
		'Solo dar: Rolink da el rol cuando se consigue y nunca lo quita por esta regla, así que los roles dados a mano se mantienen.',

	groupNeedsId: 'Indica el ID del grupo (`grupo:`), del enlace del grupo en Roblox.',
	groupUsesGroupOption: 'Una regla de grupo lleva el ID del grupo en `grupo:`, no en `id:`.',
	invalidGroupId:
		'Eso no es un ID de grupo. Copia el número del enlace de la página del grupo (roblox.com/communities/…).',
	groupNotFound: 'Roblox no tiene ningún grupo con el ID {{id}}. Copia el ID del enlace de la página del grupo.',
	groupRoleNotFound: 'El grupo **{{group}}** no tiene el rol "{{role}}". Elige uno de la lista que muestra Discord.',
	groupRankOutOfRange: '`{{option}}` tiene que ser un número entero entre 0 y 255 (los rangos de Roblox).',
	groupMinAboveMax: '`rango-minimo` ({{min}}) es mayor que `rango-maximo` ({{max}}): intercámbialos.',
	groupOneRule:
		'Elige una sola regla: un rango (`rango-minimo`/`rango-maximo`), un `rol-del-grupo` o `invitado`. Déjalo todo vacío para cualquier miembro.',
	bindingGroup: 'grupo {{id}}, {{rule}}',
	bindingGroupNamed: 'grupo {{id}} "{{name}}", {{rule}}',
	settingsNicknameGroup: 'Grupo del apodo',
	bulkFailureRobloxGroups: 'grupos de Roblox: {{reason}}',

	'command.bind.name': 'roles',
	'command.bind.description': 'Da roles de Discord según lo que los miembros tienen en Roblox',
	'command.bind.add.name': 'añadir',
	'command.bind.add.description': 'Dar un rol a quien tenga un objeto',
	'command.bind.add.kind.name': 'tipo',
	'command.bind.add.kind.description': 'Qué tipo de objeto',
	'command.bind.add.kind.choice.badge': 'Insignia',
	'command.bind.add.kind.choice.gamepass': 'Pase de juego',
	'command.bind.add.kind.choice.asset': 'Objeto (asset)',
	'command.bind.add.kind.choice.private-server': 'Servidor privado',
	'command.bind.add.kind.choice.collectible': 'Cualquier coleccionable (limitado)',
	'command.bind.add.role.name': 'rol',
	'command.bind.add.role.description': 'El rol que se da',
	'command.bind.add.id.name': 'id',
	'command.bind.add.id.description':
		'El ID del objeto, del enlace en Roblox (insignia, pase de juego, objeto, servidor privado)',
	'command.bind.add.allow-dangerous.name': 'permitir-peligroso',
	'command.bind.add.allow-dangerous.description': 'Permitir un rol con permisos de moderador o administrador',
	'command.bind.add.remove.name': 'quitar-rol',
	'command.bind.add.remove.description':
		'Quitar el rol cuando el objeto ya no esté (por defecto True; False: solo dar)',
	'command.bind.add.kind.choice.group': 'Rango en un grupo',
	'command.bind.add.group.name': 'grupo',
	'command.bind.add.group.description': 'Grupo: el ID del grupo, del enlace en Roblox',
	'command.bind.add.min-rank.name': 'rango-minimo',
	'command.bind.add.min-rank.description': 'Grupo: el rango más bajo (0–255) que recibe el rol',
	'command.bind.add.max-rank.name': 'rango-maximo',
	'command.bind.add.max-rank.description': 'Grupo: el rango más alto (0–255) que recibe el rol',
	'command.bind.add.group-role.name': 'rol-del-grupo',
	'command.bind.add.group-role.description': 'Grupo: un rol exacto del grupo',
	'command.bind.add.guest.name': 'invitado',
	'command.bind.add.guest.description': 'Grupo: dar el rol a quien NO está en el grupo',
	'command.settings.set.nickname-group.name': 'grupo-del-apodo',
	'command.settings.set.nickname-group.description':
		'El ID del grupo de Roblox cuyo nombre de rol muestra {group-rank}',
	'command.settings.clear.setting.choice.nickname-group': 'grupo del apodo',
	'command.bind.remove.name': 'quitar',
	'command.bind.remove.description': 'Quitar una regla',
	'command.bind.remove.binding.name': 'regla',
	'command.bind.remove.binding.description': 'El ID de la regla, de /roles lista',
	'command.bind.list.name': 'lista',
	'command.bind.list.description': 'Ver las reglas de este servidor y qué puede impedir que funcionen',

	'command.inventory.name': 'inventario',
	'command.inventory.description': 'Ver el inventario de Roblox de un miembro vinculado (el tuyo si no eliges a nadie)',
	'command.inventory.member.name': 'miembro',
	'command.inventory.member.description': 'De quién es el inventario (por defecto: el tuyo)',
	'command.inventory.kind.name': 'tipo',
	'command.inventory.kind.description': 'Qué mostrar (por defecto: todo)',
	'command.inventory.kind.choice.badges': 'insignias',
	'command.inventory.kind.choice.gamepasses': 'pases de juego',
	'command.inventory.kind.choice.collectibles': 'coleccionables (limitados)',
	'command.inventory.kind.choice.wearables': 'accesorios y ropa',
	'command.inventory.kind.choice.all': 'todo',

	'command.lookup.name': 'consultar',
	'command.lookup.description':
		'Moderación: ver la cuenta de Roblox de un miembro, o quién está vinculado a una cuenta',
	'command.lookup.member.name': 'miembro',
	'command.lookup.member.description': 'La cuenta de Roblox de un miembro y lo que dicen sus reglas',
	'command.lookup.member.member.name': 'miembro',
	'command.lookup.member.member.description': 'El miembro que quieres consultar',
	'command.lookup.roblox.name': 'roblox',
	'command.lookup.roblox.description': 'El miembro vinculado a una cuenta de Roblox',
	'command.lookup.roblox.account.name': 'cuenta',
	'command.lookup.roblox.account.description': 'Nombre de usuario o ID en Roblox',

	'command.settings.name': 'ajustes',
	'command.settings.description': 'Ajustes de Rolink en este servidor',
	'command.settings.show.name': 'ver',
	'command.settings.show.description': 'Mostrar los ajustes actuales',
	'command.settings.set.name': 'cambiar',
	'command.settings.set.description': 'Cambiar ajustes (solo cambian las opciones que indiques)',
	'command.settings.set.verified-role.name': 'rol-verificado',
	'command.settings.set.verified-role.description': 'Se da a todos los miembros vinculados',
	'command.settings.set.unverified-role.name': 'rol-no-verificado',
	'command.settings.set.unverified-role.description': 'Se da a quien todavía no se ha vinculado',
	'command.settings.set.audit-channel.name': 'canal-de-registro',
	'command.settings.set.audit-channel.description':
		'Donde Rolink informa de cambios de roles, vínculos y actualizaciones generales',
	'command.settings.set.nickname-template.name': 'plantilla-de-apodo',
	'command.settings.set.nickname-template.description':
		'P. ej., {smart-name}. También {roblox-name} {display-name} {roblox-id} {discord-name} {group-rank}',
	'command.settings.set.auto-verify.name': 'verificar-al-entrar',
	'command.settings.set.auto-verify.description': 'Actualizar los roles de quien entra al servidor (por defecto: sí)',
	'command.settings.set.min-account-age.name': 'antiguedad-minima',
	'command.settings.set.min-account-age.description':
		'Días que debe tener una cuenta de Roblox antes de recibir roles (mientras, sigue vinculada)',
	'command.settings.panel.name': 'panel',
	'command.settings.panel.description': 'Publicar (o mover, o renovar) un mensaje con un botón Verificar para todos',
	'command.settings.panel.channel.name': 'canal',
	'command.settings.panel.channel.description': 'Dónde va el panel (por defecto: donde ya está)',
	'command.settings.panel.text.name': 'texto',
	'command.settings.panel.text.description': 'El texto encima del botón',
	'command.settings.export.name': 'exportar',
	'command.settings.export.description':
		'Descargar los ajustes y las reglas en un archivo JSON (una copia de seguridad)',
	'command.settings.import.name': 'importar',
	'command.settings.import.description':
		'Restaurar ajustes y reglas desde un archivo exportado (antes muestra una vista previa)',
	'command.settings.import.file.name': 'archivo',
	'command.settings.import.file.description': 'Un archivo de /ajustes exportar (JSON, hasta 1 MB)',
	'command.settings.clear.name': 'desactivar',
	'command.settings.clear.description': 'Desactivar un ajuste',
	'command.settings.clear.setting.name': 'ajuste',
	'command.settings.clear.setting.description': 'Qué ajuste',
	'command.settings.clear.setting.choice.verified-role': 'rol de verificado',
	'command.settings.clear.setting.choice.unverified-role': 'rol de no verificado',
	'command.settings.clear.setting.choice.audit-channel': 'canal de registro',
	'command.settings.clear.setting.choice.nickname-template': 'plantilla de apodo',
	'command.settings.clear.setting.choice.min-account-age': 'antigüedad mínima de la cuenta',

	'command.unlink.name': 'desvincular',
	'command.unlink.description': 'Desvincular tu cuenta de Discord de la de Roblox (admins: la de otra persona)',
	'command.unlink.member.name': 'miembro',
	'command.unlink.member.description': 'Otro miembro que desvincular (hace falta Gestionar servidor)',

	'command.update-all.name': 'actualizar-todos',
	'command.update-all.description': 'Volver a revisar los roles de todos los miembros de este servidor',

	'command.update.name': 'actualizar',
	'command.update.description': 'Actualizar tus roles según lo que tienes en Roblox (moderación: los de otra persona)',
	'command.update.member.name': 'miembro',
	'command.update.member.description': 'Otro miembro que actualizar (hace falta Gestionar roles)',

	'command.verify.name': 'verificar',
	'command.verify.description': 'Vincular tu cuenta de Roblox (o actualizar tus roles si ya estás vinculado)',
	'command.verify.username.name': 'usuario',
	'command.verify.username.description': 'Tu nombre de usuario o ID en Roblox',
} satisfies Translation;
