import type { Translation } from '../i18n.js';

/**
 * Português do Brasil. Tom: direto e amigável, "você", frases curtas que dizem o que fazer em seguida. Os nomes de
 * comandos citados nas frases são os nomes em português (os mesmos das chaves `command.*.name` abaixo), porque é
 * assim que o Discord mostra os comandos para quem usa o app em português. Nomes de permissões e menus seguem o que
 * o Discord e o Roblox mostram em português.
 */
export default {
	guildOnly: 'O Rolink funciona dentro de um servidor: use este comando em um servidor onde o Rolink esteja instalado.',
	unknownCommand:
		'Este comando não existe mais. O Discord pode estar mostrando uma lista antiga: reinicie o app do Discord.',
	staleComponent: 'Este botão é de uma mensagem antiga e não funciona mais. Use o comando de novo.',
	unexpectedError:
		'Algo deu errado do nosso lado. Tente de novo; se continuar acontecendo, passe este código de erro para a equipe do servidor: `{{errorId}}`.',
	invalidChoice: '`{{option}}` não é uma das opções. Escolha uma da lista que o Discord mostra.',
	shuttingDown: 'O Rolink está reiniciando. Tente de novo em um minuto.',
	storageUnavailable:
		'O Rolink não consegue acessar o banco de dados agora. Nada foi alterado; tente de novo em um minuto.',
	notYourButton: 'Estes botões são de quem usou o comando. Use o comando você mesmo para ter os seus.',
	tooFast: {
		one: 'Você está fazendo isso rápido demais. Tente de novo em {{count}} segundo.',
		other: 'Você está fazendo isso rápido demais. Tente de novo em {{count}} segundos.',
	},
	missingPermission: 'Você precisa da permissão **{{permission}}** para fazer isso.',
	missingPermissionEither: 'Você precisa da permissão **{{first}}** ou **{{second}}** para fazer isso.',
	botMissingPermissions:
		'O Discord recusou: falta uma permissão ao Rolink aqui. Dê ao cargo do Rolink a permissão **Gerenciar cargos** (e **Gerenciar apelidos** para apelidos) e arraste-o para cima dos cargos que ele gerencia (Configurações do servidor → Cargos).',
	memberLeft: 'Esse membro não está mais neste servidor.',

	permAdministrator: 'Administrador',
	permManageGuild: 'Gerenciar servidor',
	permManageRoles: 'Gerenciar cargos',
	permModerateMembers: 'Castigar membros',
	permBanMembers: 'Banir membros',
	permKickMembers: 'Expulsar membros',
	permManageChannels: 'Gerenciar canais',
	permManageWebhooks: 'Gerenciar webhooks',
	permMentionEveryone: 'Mencionar @everyone',

	inventoryPrivate:
		'Seu inventário do Roblox é privado, então o Rolink não consegue ver o que você tem. Seus cargos ficaram como estavam. Para resolver: Roblox → Configurações → Privacidade → "Quem pode ver meu inventário?" → Todos, e depois use /atualizar.',
	inventoryPrivateDm:
		'O Rolink não conseguiu conferir seus itens do Roblox para **{{guild}}**: seu inventário é privado. Seus cargos ficaram como estavam. Para resolver: Roblox → Configurações → Privacidade → "Quem pode ver meu inventário?" → Todos, e depois use /atualizar no servidor.',
	inventoryPrivateOf:
		'O inventário do Roblox de {{name}} é privado, então o Rolink não consegue ver o que essa pessoa tem.',
	robloxUserNotFound:
		'O Roblox não tem nenhum usuário com esse nome ou ID. Confira a grafia ou use o ID numérico que aparece no link do perfil.',
	robloxBusy: 'O Roblox está limitando nossos pedidos agora. Nada foi removido; tente de novo em um minuto.',
	robloxUnavailable: 'O Roblox não está respondendo agora. Nada foi removido; tente de novo daqui a alguns minutos.',
	robloxKeyRejected:
		'O Roblox recusou a chave de API deste bot. Um administrador do servidor deve avisar quem opera o bot (rodar `npm run doctor`).',

	invalidUsername:
		'Esse não é um nome de usuário válido do Roblox: ele tem de 3 a 20 letras e números, com no máximo um sublinhado (que não pode estar no começo nem no fim). Você também pode informar o ID numérico.',
	invalidUserId: 'IDs de usuário do Roblox são números inteiros maiores que 0, como `1234567`.',
	bannedUser: 'A conta do Roblox **{{name}}** está banida, então não pode ser vinculada.',

	verifyNeedUsername: 'Você ainda não está vinculado. Use `/verificar usuario:<seu nome no Roblox>` para começar.',
	verifyInstructions:
		'Vamos confirmar que **{{displayName}}** (@{{name}}) é você.\n1. Abra seu perfil do Roblox, edite o **Sobre** e cole este código em qualquer lugar do texto:\n```\n{{code}}\n```\n2. Salve e aperte **Verificar** aqui embaixo. O código vale até <t:{{expires}}:t>.\nDepois de vinculado, você pode apagar o código do seu Sobre.',
	verifyFooter: 'ID de usuário no Roblox: {{id}}',
	verifyCheckLabel: 'Verificar',
	verifyOpenProfileLabel: 'Abrir perfil',
	verifyCodeNotFound:
		'O código ainda não está no Sobre do seu perfil do Roblox. Salve o perfil e aperte **Verificar** de novo; o código vale até <t:{{expires}}:t>.',
	verifyCodeExpired: 'Seu código de verificação expirou. Use `/verificar` de novo para receber outro.',
	verifyLinked: 'Pronto, você está vinculado a **{{name}}**.',
	verifyLinkedTookOver:
		'Pronto, você está vinculado a **{{name}}**. Essa conta estava vinculada a outra conta do Discord; esse vínculo foi removido.',
	verifyAlreadyLinked: 'Você está vinculado a **{{name}}**. Seus cargos foram atualizados.',
	verifyNotForYou: 'Esta verificação é de outra pessoa. Use `/verificar` você mesmo.',
	unlinkConfirm:
		'Desvincular sua conta do Discord de **{{name}}**? O Rolink vai tirar os cargos que deu a você por essa conta neste servidor.',
	unlinkDone: 'Desvinculado de **{{name}}**. Use /verificar para vincular de novo.',
	unlinkOtherConfirm:
		'Desvincular {{member}} de **{{name}}**? O Rolink vai tirar os cargos que deu por essa conta, aqui e em todos os servidores que tem em comum com essa pessoa.',
	unlinkOtherDone: '{{member}} foi desvinculado de **{{name}}**.',
	unlinkConfirmLabel: 'Desvincular',
	unlinkCancelLabel: 'Cancelar',
	unlinkCancelled: 'Nada mudou: você continua vinculado.',
	notLinked:
		'Você não está vinculado a uma conta do Roblox. Use `/verificar usuario:<seu nome no Roblox>` para vincular.',
	memberNotLinked: '{{member}} não vinculou uma conta do Roblox.',

	summaryAdded: 'Adicionados: {{roles}}',
	summaryRemoved: 'Removidos: {{roles}}',
	summaryNickname: 'Apelido: {{nickname}}',
	summaryUpToDate: 'Seus cargos já estão em dia.',
	summaryBlocked:
		'Não foi possível gerenciar {{roles}}: arraste o cargo do Rolink para cima deles e dê a ele a permissão Gerenciar cargos (Configurações do servidor → Cargos).',
	rolesKeptOnError:
		'Não deu para conferir tudo no Roblox, então nenhum cargo foi removido. O Rolink vai tentar de novo mais tarde.',
	updateOtherHeader: '{{member}}:',

	bindingAdded: 'Membros que têm {{what}} agora recebem <@&{{roleId}}>. (regra `{{id}}`)',
	bindingDuplicate: 'Essa regra já existe: {{what}} → <@&{{roleId}}>.',
	bindingRemoved:
		'Regra {{what}} → <@&{{roleId}}> removida. Os membros ficam com o cargo até a próxima atualização deles.',
	bindingNotFound: 'Nenhuma regra tem esse ID. Use `/cargos listar` para ver os IDs.',
	bindingLimit: 'Este servidor chegou ao limite de {{max}} regras. Remova uma com `/cargos remover` antes.',
	bindingNeedsId: 'Informe o ID do item (`id:`) para esse tipo. Só `Qualquer colecionável (limitado)` não precisa.',
	bindingNoIdForCollectible: 'O tipo colecionável quer dizer "tem qualquer limitado": deixe o `id` vazio.',
	invalidItemId:
		'IDs de item são números inteiros maiores que 0, como no link do item no Roblox (ex.: roblox.com/badges/**2124**…).',
	badgeNotFound: 'O Roblox não tem nenhum emblema com o ID {{id}}. Copie o ID do link da página do emblema.',
	roleIsEveryone: 'O cargo @everyone não pode ser usado numa regra. Crie um cargo para isso.',
	roleIsManaged:
		'<@&{{roleId}}> é gerenciado por uma integração (um bot ou uma assinatura) e o Rolink não pode dar esse cargo.',
	roleAboveBot:
		'<@&{{roleId}}> está acima do cargo mais alto do Rolink, então o Discord não deixa o Rolink dar esse cargo. Para resolver: Configurações do servidor → Cargos, arraste o cargo do Rolink para cima de <@&{{roleId}}>.',
	roleDangerous:
		'<@&{{roleId}}> tem permissões perigosas ({{permissions}}). Qualquer pessoa que comprasse o item ganharia essas permissões.',
	roleDangerousOverridable:
		'<@&{{roleId}}> tem permissões perigosas ({{permissions}}). Qualquer pessoa que comprasse o item ganharia essas permissões. Se é isso mesmo que você quer, use o comando de novo com `permitir-perigoso: True`.',
	botLacksManageRoles:
		'O Rolink não tem a permissão **Gerenciar cargos** aqui. Dê essa permissão ao cargo do Rolink em Configurações do servidor → Cargos.',
	noBindings: 'Este servidor ainda não tem regras. Crie uma com `/cargos adicionar`.',
	bindingBadge: 'emblema {{id}}',
	bindingGamePass: 'passe de jogo {{id}}',
	bindingAsset: 'item {{id}}',
	bindingPrivateServer: 'servidor privado {{id}}',
	bindingCollectible: 'qualquer colecionável',
	bindingWithName: '{{binding}} "{{name}}"',
	bindingListTitle: 'Regras ({{count}})',
	bindingProblemNoManageRoles: 'falta ao Rolink a permissão Gerenciar cargos: dê essa permissão ao cargo do Rolink.',
	bindingProblemRoleDeleted: 'o cargo foi apagado: `/cargos remover regra:{{id}}`.',
	bindingProblemAboveBot:
		'o cargo está acima do cargo mais alto do Rolink: arraste o cargo do Rolink para cima dele (Configurações do servidor → Cargos).',
	bindingProblemManaged: 'o cargo é gerenciado por uma integração: use outro cargo.',

	settingsSaved: 'Configurações salvas.',
	invalidNicknameTemplate: 'Esse modelo de apelido não funciona: {{reason}}',
	nicknameEmpty: 'ele está vazio.',
	nicknameUnknownPlaceholder: 'o marcador {{placeholder}} não existe. Use {{placeholders}}.',
	nicknameNoPlaceholder:
		'ele não tem nenhum marcador, então todos os membros ficariam com o mesmo apelido. Use {{placeholders}}.',
	nicknameTooLong:
		'ele pode chegar a {{length}} caracteres para membros com nomes longos, e o Discord permite {{max}}. Use menos marcadores ou {smart-name}, que se encurta sozinho.',
	settingsTitle: 'Configurações do Rolink',
	settingsVerifiedRole: 'Cargo de verificado',
	settingsUnverifiedRole: 'Cargo de não verificado',
	settingsAuditChannel: 'Canal de registro',
	settingsNicknameTemplate: 'Modelo de apelido',
	settingsAutoVerify: 'Verificar ao entrar',
	settingsOn: 'ligado',
	settingsOff: 'desligado',

	bulkAlreadyRunning:
		'Já tem uma atualização de todos os membros rodando neste servidor. Pare com o botão Parar dela ou espere terminar.',
	bulkStarting: 'Começando a atualizar todos os membros…',
	bulkStarted: 'Começou. Acompanhe aqui: {{url}}',
	bulkStartedNoProgress:
		'Começou. O Rolink não pode postar neste canal (precisa de Ver canais, Enviar mensagens e Inserir links), então não vai ter mensagem de progresso; o resumo vai para o canal de registro, se houver um.',
	bulkStopped: 'Parado. Os membros que já foram atualizados ficam com as mudanças.',
	bulkNotRunning: 'Nenhuma atualização está rodando neste servidor.',
	bulkTitleRunning: 'Atualizando todos os membros…',
	bulkTitleDone: 'Atualização concluída',
	bulkTitleStopped: 'Atualização interrompida',
	bulkProgress: '{{processed}} / {{total}} membros ({{percent}}%)',
	bulkChanged: 'Alterados',
	bulkFailed: 'Com falha',
	bulkNotLinked: 'Ignorados (sem vínculo ou pendentes)',
	bulkTimeLeft: 'Tempo restante',
	bulkEstimating: 'calculando…',
	bulkLatestFailures: 'Últimas falhas',
	bulkFooter: 'Execução {{runId}}',
	bulkFooterResumed: 'Execução {{runId}} · retomada depois de um reinício',
	bulkStopLabel: 'Parar',
	durationSeconds: '{{s}} s',
	durationMinutes: '{{m}} min {{s}} s',
	durationHours: '{{h}} h {{m}} min',
	bulkFailureEditRefused: 'o Discord recusou a alteração: {{error}}',
	bulkFailureBlocked:
		'não é possível gerenciar {{roles}}: coloque o cargo do Rolink acima e dê a ele a permissão Gerenciar cargos',
	bulkFailureRoblox: 'Roblox: {{reason}}',
	bulkFailureListing: 'o Discord não listou os membros ({{error}}); use /atualizar-todos de novo',
	bulkFailureUnexpected: 'erro inesperado: {{error}}',
	robloxReasonPrivate: 'o inventário é privado',
	robloxReasonRateLimited: 'limite de pedidos atingido',
	robloxReasonUnavailable: 'sem resposta',
	robloxReasonOther: '{{code}}',

	pagerExpired: 'Esta visualização do inventário expirou. Use `/inventario` de novo.',
	lookupNoMember: 'Nenhum membro deste servidor está vinculado à conta do Roblox **{{name}}**.',
	inventoryPrivateBrowseSelf:
		'Seu inventário do Roblox é privado, então o Rolink não consegue mostrá-lo. Para deixá-lo visível: Roblox → Configurações → Privacidade → "Quem pode ver meu inventário?" → Todos.',
	inventoryPrivateBrowse:
		'O inventário do Roblox de {{name}} é privado, então o Rolink não consegue mostrá-lo. A pessoa pode deixá-lo visível em: Roblox → Configurações → Privacidade → "Quem pode ver meu inventário?" → Todos.',
	answeredPrivately: 'Respondido em particular.',
	inventoryEmptySelf: 'Você não tem {{kind}} no Roblox (pelo menos nada que o Roblox mostre).',
	inventoryEmpty: '{{name}} não tem {{kind}} no Roblox (pelo menos nada que o Roblox mostre).',
	inventoryKindBadges: 'emblemas',
	inventoryKindGamePasses: 'passes de jogo',
	inventoryKindCollectibles: 'colecionáveis (limitados)',
	inventoryKindWearables: 'acessórios nem roupas',
	inventoryKindAll: 'itens',
	inventoryHeaderBadges: 'Emblemas',
	inventoryHeaderGamePasses: 'Passes de jogo',
	inventoryHeaderCollectibles: 'Colecionáveis (limitados)',
	inventoryHeaderWearables: 'Acessórios e roupas',
	inventoryHeaderAll: 'Itens',
	inventoryHeader: '**{{title}}**',
	inventoryHeaderTotal: '**{{title}}** ({{total}})',
	robloxAccountTitle: '{{displayName}} (@{{name}})',
	inventoryBadge: '🏅 {{name}}',
	inventoryBadgeUnnamed: '🏅 Emblema {{id}}',
	inventoryGamePass: '🎟️ Passe de jogo {{id}}',
	inventoryAsset: '🧩 {{type}} {{id}}',
	inventoryPrivateServer: '🏠 Servidor privado {{id}}',
	inventorySerial: 'nº {{serial}}',
	inventoryObtained: 'obtido em <t:{{unix}}:d>',
	inventoryMore: {
		one: '…e mais {{count}} nesta página',
		other: '…e mais {{count}} nesta página',
	},
	pagerPage: 'Página {{page}}',
	pagerPageOf: 'Página {{page}} de {{pages}}',
	pagerFirstLabel: 'Primeira',
	pagerPreviousLabel: 'Anterior',
	pagerNextLabel: 'Próxima',
	pagerLastLabel: 'Última',
	assetTypeUnspecified: 'Item',
	assetTypeClassicTShirt: 'Camiseta clássica',
	assetTypeClassicShirt: 'Camisa clássica',
	assetTypeClassicPants: 'Calça clássica',
	assetTypeClassicHead: 'Cabeça',
	assetTypeTShirtAccessory: 'Acessório de camiseta',
	assetTypeDressSkirtAccessory: 'Acessório de vestido ou saia',
	assetTypeMeshPart: 'Peça de malha',
	assetTypeEmoteAnimation: 'Emote',
	assetTypeCreatedPlace: 'Experiência',
	assetTypePurchasedPlace: 'Experiência comprada',

	lookupDiscordMember: 'Discord: <@{{discordId}}>',
	lookupRobloxId: 'ID no Roblox: `{{id}}`',
	lookupAccountCreated: 'Conta criada em: <t:{{unix}}:D> (<t:{{unix}}:R>)',
	lookupAccountBanned: '⛔ Esta conta do Roblox está banida.',
	lookupAccountGone: 'O Roblox não tem mais nenhuma conta com o ID `{{id}}`.',
	lookupLinked: 'Vinculada {{method}}',
	lookupLinkedAt: 'Vinculada <t:{{unix}}:R> {{method}}',
	lookupMethodProfileCode: 'com um código no perfil do Roblox',
	lookupMethodTakeover: 'provando que controla a conta do Roblox (tirada de outra conta do Discord)',
	lookupMethodImport: 'por uma importação',
	lookupBindingsHeader: '**Regras**',
	lookupBindingLine: '{{binding}} → <@&{{roleId}}>: {{owns}} · {{role}}',
	lookupNoBindingsHere: 'Este servidor não tem regras.',
	lookupInventoryPrivate:
		'🔒 O inventário do Roblox dessa pessoa é privado, então não dá para conferir o que ela tem. (Roblox → Configurações → Privacidade → "Quem pode ver meu inventário?" → Todos.)',
	lookupOwnershipUnavailable:
		'⚠️ Não deu para consultar o Roblox agora, então não se sabe o que a pessoa tem. Tente de novo em um minuto.',
	lookupOwns: '✅ tem',
	lookupOwnsNot: '❌ não tem',
	lookupOwnsUnknown: '❔ desconhecido',
	lookupRoleHas: '✅ tem o cargo',
	lookupRoleHasRemoved: '⚠️ tem o cargo (sai na próxima atualização)',
	lookupRoleMissingAdded: '⚠️ sem o cargo (entra na próxima atualização)',
	lookupRoleMissing: '➖ sem o cargo',
	lookupRoleDeleted: '⚠️ o cargo foi apagado',
	lookupRoleNotMember: '➖ não está neste servidor',
	lookupMoreBindings: {
		one: '…e mais {{count}} regra',
		other: '…e mais {{count}} regras',
	},

	auditBy: 'Por <@{{userId}}>',
	auditBindingAdded: 'Regra adicionada',
	auditBindingRemoved: 'Regra removida',
	auditBindingLine: '{{binding}} → <@&{{roleId}}>',
	auditSettingsChanged: 'Configurações alteradas',
	auditSettingChanged: 'Alterado: {{setting}}',
	auditAccountLinked: 'Conta vinculada',
	auditAccountTakenOver: 'Conta transferida',
	auditLinkedLine: '<@{{discordId}}> vinculou {{name}} ({{robloxId}})',
	auditTakenOverLine: 'A conta estava vinculada a <@{{previous}}>; esse vínculo foi removido.',
	auditAccountUnlinked: 'Conta desvinculada',
	auditUnlinkedLine: '<@{{discordId}}> desvinculou {{name}} ({{robloxId}})',
	auditRolesUpdated: 'Cargos atualizados',
	auditMember: 'Membro: <@{{userId}}> ({{tag}})',
	auditRoblox: 'Roblox: {{name}} ({{id}})',
	auditTrigger: 'Motivo: {{trigger}}',
	auditBulkSummary: 'Resumo da atualização geral',
	auditBulkChecked:
		'{{processed}} membros conferidos: {{changed}} alterados, {{failed}} com falha, {{skipped}} ignorados (sem vínculo ou sem aceitar as regras do servidor).',
	auditBulkFinished: 'Iniciada por <@{{userId}}>; concluída.',
	auditBulkStopped: 'Iniciada por <@{{userId}}>; interrompida.',
	auditFailureLine: '• <@{{memberId}}>: {{reason}}',

	triggerVerify: '/verificar',
	triggerUpdate: '/atualizar',
	triggerJoin: 'membro entrou',
	triggerSweep: 'verificação automática',
	triggerBulk: '/atualizar-todos',
	triggerLink: 'conta vinculada',
	triggerUnlink: 'conta desvinculada',
	editReason: 'Rolink: {{trigger}}',

	settingsVerifyPanel: 'Painel de verificação',
	settingsMinAccountAge: 'Idade mínima da conta do Roblox',
	settingsDays: { one: '{{count}} dia', other: '{{count}} dias' },
	lookupMethodOAuth: 'entrando com a conta do Roblox',
	auditPanelIn: 'Painel de verificação em <#{{channelId}}>',
	auditLinkedSignInLine: '<@{{discordId}}> vinculou {{name}} ({{robloxId}}) entrando com a conta do Roblox',
	triggerScreening: 'membro aceitou as regras do servidor',
	heldBackScreening:
		'Você ainda não aceitou as regras deste servidor (Triagem de membros), então o Rolink não dá cargos até você aceitar. Aceite as regras e seus cargos chegam na hora.',
	heldBackScreeningOf:
		'Essa pessoa ainda não aceitou as regras deste servidor (Triagem de membros): sem cargos até aceitar.',
	heldBackAccountAge:
		'Este servidor só dá cargos a contas do Roblox com pelo menos {{minDays}} dias, e a sua é mais nova, então você ainda não recebe cargos. Você continua vinculado: tente de novo a partir de <t:{{eligible}}:f> (<t:{{eligible}}:R>) com /atualizar, ou espere a verificação diária do Rolink.',
	heldBackAccountAgeOf:
		'A conta do Roblox dessa pessoa é mais nova que o mínimo de {{minDays}} dias deste servidor: sem cargos até <t:{{eligible}}:f>.',
	lookupHeldBackAge:
		'⏳ Restrição: conta mais nova que o mínimo de {{minDays}} dias deste servidor; sem cargos até <t:{{eligible}}:f> (<t:{{eligible}}:R>).',
	lookupAgeUnknown:
		'❔ Restrição: este servidor exige contas com {{minDays}} dias, e o Roblox não informou quando esta foi criada; os cargos ficam como estão.',
	lookupPendingScreening: '⏳ Restrição: ainda não aceitou as regras deste servidor (Triagem de membros).',
	invalidAccountAge:
		'A idade mínima da conta é um número inteiro de dias, de 1 a {{max}} (use desligar para tirar a exigência).',
	panelTitle: 'Verifique sua conta do Roblox',
	panelDefaultText:
		'Aperte **Verificar** para vincular sua conta do Roblox e receber seus cargos. Só você vê os passos.',
	panelVerifyLabel: 'Verificar',
	panelPosted: 'Painel de verificação publicado: {{url}}',
	panelNeedChannel: 'Diga onde o painel vai ficar: `/ajustes painel canal:#canal`.',
	panelCannotPost:
		'O Rolink não pode postar em <#{{channelId}}>: dê a ele as permissões **Ver canais**, **Enviar mensagens** e **Inserir links** lá.',
	panelAt: 'em <#{{channelId}}>: {{url}}',
	panelGone: '⚠️ apagado de <#{{channelId}}>; use `/ajustes painel` para publicar de novo',
	verifyEnterUsernameLabel: 'Informar meu nome no Roblox',
	verifyUsernameModalTitle: 'Vincular sua conta do Roblox',
	verifyUsernameInputLabel: 'Nome de usuário ou ID no Roblox',
	verifyLinkLabel: 'Vincular com o Roblox',
	verifyOAuthOffer:
		'Aperte **Vincular com o Roblox**: você entra no Discord, depois no Roblox, e seus cargos chegam na hora. O botão funciona uma vez, por {{minutes}} minutos, e só para você. Prefere não entrar com a conta? Use `/verificar usuario:<seu nome no Roblox>` para vincular com um código no seu perfil do Roblox.',
	webHomeTitle: 'Rolink',
	webHomeText: 'Use /verificar no seu servidor do Discord e aperte "Vincular com o Roblox" para vincular suas contas.',
	webLinkedTitle: 'Contas vinculadas',
	webLinked: 'Sua conta do Discord {{discord}} agora está vinculada à conta do Roblox {{roblox}} (ID {{robloxId}}).',
	webTookOver: 'Essa conta do Roblox estava vinculada a outra conta do Discord; esse vínculo foi removido.',
	webRolesGranted: 'Seus cargos em {{guild}} foram atualizados: {{roles}}.',
	webRolesUpToDate: 'Seus cargos em {{guild}} já estão em dia.',
	webRolesLater:
		'Seus cargos serão atualizados na próxima vez que você usar o Rolink em um servidor (ou usar /atualizar).',
	webTokenKept:
		'Você permitiu que o Rolink lesse seu inventário do Roblox, então seus cargos funcionam mesmo com o inventário privado. Use /desvincular para desfazer isso.',
	webCloseTab: 'Você já pode fechar esta aba.',
	webRefusedTitle: 'Nada foi vinculado',
	webTryAgain: 'Use /verificar no Discord de novo para receber um novo botão.',
	webLinkUsed:
		'Este link já foi usado ou expirou. Cada botão "Vincular com o Roblox" funciona uma vez, por 10 minutos.',
	webNoSession:
		'Esta entrada não começou neste navegador, ou demorou mais de 10 minutos. Para sua segurança, ela foi interrompida.',
	webDiscordFirst: 'Primeiro você precisa entrar no Discord, pelo link que o Rolink deu.',
	webWrongDiscord:
		'Você entrou no Discord como {{signedIn}}, mas este link foi feito para outra conta do Discord. Nenhuma conta foi vinculada. Se alguém te mandou este link, não use: use /verificar você mesmo.',
	webDiscordRefused: 'O Discord não confirmou sua entrada.',
	webRobloxRefused: 'O Roblox não confirmou sua entrada, ou a resposta dele não passou nas nossas verificações.',
	webRobloxUnavailable: 'O Roblox não está respondendo agora. Tente de novo daqui a alguns minutos.',
	webUnexpected:
		'Algo deu errado do nosso lado. Tente de novo; se continuar acontecendo, passe este código de erro para a equipe do servidor: {{errorId}}.',
	webTooFast: 'Muitos pedidos vindos da sua rede. Espere um minuto e tente de novo.',
	webNotFound: 'Não tem nenhuma página aqui.',

	exportReady: {
		one: 'Aqui estão as configurações do Rolink deste servidor e {{count}} regra. Guarde o arquivo: `/ajustes importar` restaura tudo, aqui ou em outro servidor (cargos e canais são reconhecidos pelo ID e depois pelo nome).',
		other:
			'Aqui estão as configurações do Rolink deste servidor e {{count}} regras. Guarde o arquivo: `/ajustes importar` restaura tudo, aqui ou em outro servidor (cargos e canais são reconhecidos pelo ID e depois pelo nome).',
	},
	importBadFile: 'Esse arquivo não pode ser importado: {{problem}}. Nada foi alterado.',
	importPreviewTitle: 'Importar configurações: prévia',
	importPreviewHelp:
		'Nada muda até você apertar **Aplicar**; aí tudo o que está abaixo é gravado de uma vez. O arquivo substitui as configurações e regras atuais.',
	importAdded: 'Adicionados ({{count}})',
	importChanged: 'Alterados ({{count}})',
	importRemoved: 'Removidos ({{count}})',
	importUnmappable: 'Sem correspondência, deixados de fora ({{count}})',
	importMore: { one: '…e mais {{count}}', other: '…e mais {{count}}' },
	importApplyLabel: 'Aplicar',
	importCancelLabel: 'Cancelar',
	importApplied: {
		one: 'Importado. Este servidor agora tem {{count}} regra; os membros recebem os cargos na próxima atualização deles (ou use /atualizar-todos).',
		other:
			'Importado. Este servidor agora tem {{count}} regras; os membros recebem os cargos na próxima atualização deles (ou use /atualizar-todos).',
	},
	importCancelled: 'Importação cancelada. Nada foi alterado.',
	importExpired: 'Esta prévia de importação expirou. Use `/ajustes importar` de novo.',
	importRoleManaged: 'gerenciado por uma integração',
	importRoleAboveBot: 'acima do cargo mais alto do Rolink',
	importRoleProblem: 'o Rolink não pode dar <@&{{roleId}}> ({{problem}})',
	bulkRetries: 'Novas tentativas',
	bulkRetrying: {
		one: 'Todos os membros foram conferidos uma vez. Conferindo de novo o {{count}} membro que falhou (rodada {{round}} de {{rounds}}) a partir de <t:{{at}}:T>.',
		other:
			'Todos os membros foram conferidos uma vez. Conferindo de novo os {{count}} membros que falharam (rodada {{round}} de {{rounds}}) a partir de <t:{{at}}:T>.',
	},
	bulkStillFailed: {
		one: '{{count}} membro continuou com falha depois de {{retries}}; os cargos dele ficaram como estavam.',
		other: '{{count}} membros continuaram com falha depois de {{retries}}; os cargos deles ficaram como estavam.',
	},
	bulkRetryFrom: 'A verificação automática tenta de novo a partir de <t:{{at}}:f>.',
	bulkRetryLater: 'Use /atualizar-todos de novo mais tarde para tentar outra vez.',
	bulkAllRecovered: 'Os membros que falharam no começo foram conferidos de novo ({{retries}}); no fim, nenhum falhou.',
	retries: { one: '{{count}} nova tentativa', other: '{{count}} novas tentativas' },
	auditSettingsImported: 'Configurações importadas',
	auditImportCounts:
		'Adicionados {{added}}, alterados {{changed}}, removidos {{removed}}, deixados de fora {{unmappable}}',

	boundRoleDeletedTitle: 'Cargo de regra apagado',
	boundRoleDeleted: {
		one: 'O cargo **{{name}}** ({{roleId}}) foi apagado. Esta regra dava esse cargo e agora não faz nada: {{ids}}.',
		other:
			'O cargo **{{name}}** ({{roleId}}) foi apagado. Estas {{count}} regras davam esse cargo e agora não fazem nada: {{ids}}.',
	},
	boundRoleDeletedHelp:
		'Elas aparecem marcadas em `/cargos listar`. Um administrador do servidor pode removê-las com o botão abaixo.',
	removeDeletedRoleBindingsLabel: 'Remover regras de cargos apagados',
	deletedRoleBindingsRemoved: {
		one: '{{count}} regra de cargo apagado removida.',
		other: '{{count}} regras de cargos apagados removidas.',
	},
	deletedRoleBindingsNone: 'Nada para remover: nenhuma regra aponta para um cargo apagado agora.',
	auditDeletedRoleBindingsRemoved: 'Regras de cargos apagados removidas',
	auditProvedTwice: 'Conta comprovada duas vezes ao mesmo tempo',
	auditProvedTwiceLine: '<@{{userId}}> e <@{{holderId}}> comprovaram {{name}} ({{robloxId}}) no mesmo instante.',
	auditProvedTwiceKept:
		'Ficou o vínculo de <@{{holderId}}> (vinculado às <t:{{linkedAt}}:T>); <@{{userId}}> não foi vinculado e recebeu o aviso para tentar de novo.',
	accountJustLinked:
		'**{{name}}** foi vinculada a outra conta do Discord no mesmo instante, então você não foi vinculado. Se a conta é sua, aperte **Verificar** de novo para ficar com ela (seu código continua valendo).',
	verifyLinkGoneSince:
		'**{{name}}** foi vinculada a outra conta do Discord logo depois de você, então agora você não está vinculado a ela. Use /verificar de novo se a conta for sua.',

	robloxAccountGoneTitle: 'A conta do Roblox não existe mais',
	robloxAccountGone:
		'A conta do Roblox de <@{{memberId}}>, {{name}} ({{robloxId}}), responde "usuário não existe" no Roblox: o Roblox apagou ou encerrou a conta.',
	robloxAccountGoneSince:
		'A conta do Roblox de <@{{memberId}}>, {{name}} ({{robloxId}}), responde "usuário não existe" no Roblox desde <t:{{since}}:f>: o Roblox apagou ou encerrou a conta.',
	robloxAccountGoneHelp:
		'Os cargos de regras e de verificado dela foram removidos; o vínculo fica guardado, marcado como inexistente, para o /consultar. O membro pode vincular outra conta com /verificar.',
	verifyAccountGone:
		'Sua conta do Roblox vinculada, **{{name}}**, não existe mais no Roblox, então você conta como não vinculado. Vincule outra conta: `/verificar usuario:<seu nome no Roblox>`.',
	lookupGone:
		'⚠️ Esta conta do Roblox não existe mais (apagada ou encerrada; marcada em <t:{{at}}:f>). O membro não tem cargos por ela e pode vincular outra.',
	bindingGiveOnlyMark: '(só dar)',
	bindingGiveOnlyAdded:
		'Só dar: o Rolink dá o cargo quando a pessoa conquista e nunca tira por causa desta regra, então cargos dados à mão continuam.',

	groupNeedsId: 'Informe o ID do grupo (`grupo:`), do link do grupo no Roblox.',
	groupUsesGroupOption: 'Uma regra de grupo recebe o ID do grupo em `grupo:`, não em `id:`.',
	invalidGroupId: 'Isso não é um ID de grupo. Copie o número do link da página do grupo (roblox.com/communities/…).',
	groupNotFound: 'O Roblox não tem nenhum grupo com o ID {{id}}. Copie o ID do link da página do grupo.',
	groupRoleNotFound: 'O grupo **{{group}}** não tem o cargo "{{role}}". Escolha um da lista que o Discord mostra.',
	groupRankOutOfRange: '`{{option}}` precisa ser um número inteiro entre 0 e 255 (as patentes do Roblox).',
	groupMinAboveMax: '`patente-minima` ({{min}}) é maior que `patente-maxima` ({{max}}): inverta os dois.',
	groupOneRule:
		'Escolha uma regra só: uma patente (`patente-minima`/`patente-maxima`), um `cargo-do-grupo` ou `visitante`. Deixe tudo vazio para qualquer membro.',
	bindingGroup: 'grupo {{id}}, {{rule}}',
	bindingGroupNamed: 'grupo {{id}} "{{name}}", {{rule}}',
	settingsNicknameGroup: 'Grupo do apelido',
	bulkFailureRobloxGroups: 'grupos do Roblox: {{reason}}',

	'command.bind.name': 'cargos',
	'command.bind.description': 'Dê cargos do Discord de acordo com o que os membros têm no Roblox',
	'command.bind.add.name': 'adicionar',
	'command.bind.add.description': 'Dar um cargo a quem tem um item',
	'command.bind.add.kind.name': 'tipo',
	'command.bind.add.kind.description': 'Que tipo de item',
	'command.bind.add.kind.choice.badge': 'Emblema',
	'command.bind.add.kind.choice.gamepass': 'Passe de jogo',
	'command.bind.add.kind.choice.asset': 'Item (asset)',
	'command.bind.add.kind.choice.private-server': 'Servidor privado',
	'command.bind.add.kind.choice.collectible': 'Qualquer colecionável (limitado)',
	'command.bind.add.role.name': 'cargo',
	'command.bind.add.role.description': 'O cargo a dar',
	'command.bind.add.id.name': 'id',
	'command.bind.add.id.description':
		'O ID do item, do link dele no Roblox (emblema, passe de jogo, item, servidor privado)',
	'command.bind.add.allow-dangerous.name': 'permitir-perigoso',
	'command.bind.add.allow-dangerous.description': 'Permitir um cargo com permissões de moderador ou administrador',
	'command.bind.add.remove.name': 'tirar',
	'command.bind.add.remove.description': 'Tirar o cargo quando o item sumir (padrão True; False: só dar)',
	'command.bind.add.kind.choice.group': 'Patente em grupo',
	'command.bind.add.group.name': 'grupo',
	'command.bind.add.group.description': 'Grupo: o ID do grupo, do link dele no Roblox',
	'command.bind.add.min-rank.name': 'patente-minima',
	'command.bind.add.min-rank.description': 'Grupo: a menor patente (0–255) que recebe o cargo',
	'command.bind.add.max-rank.name': 'patente-maxima',
	'command.bind.add.max-rank.description': 'Grupo: a maior patente (0–255) que recebe o cargo',
	'command.bind.add.group-role.name': 'cargo-do-grupo',
	'command.bind.add.group-role.description': 'Grupo: um cargo exato do grupo',
	'command.bind.add.guest.name': 'visitante',
	'command.bind.add.guest.description': 'Grupo: dar o cargo a quem NÃO está no grupo',
	'command.settings.set.nickname-group.name': 'grupo-do-apelido',
	'command.settings.set.nickname-group.description': 'O ID do grupo do Roblox cujo nome de cargo o {group-rank} mostra',
	'command.settings.clear.setting.choice.nickname-group': 'grupo do apelido',
	'command.bind.remove.name': 'remover',
	'command.bind.remove.description': 'Remover uma regra',
	'command.bind.remove.binding.name': 'regra',
	'command.bind.remove.binding.description': 'O ID da regra, de /cargos listar',
	'command.bind.list.name': 'listar',
	'command.bind.list.description': 'Ver as regras deste servidor e o que pode estar impedindo que funcionem',

	'command.inventory.name': 'inventario',
	'command.inventory.description':
		'Ver o inventário do Roblox de um membro vinculado (o seu, se ninguém for escolhido)',
	'command.inventory.member.name': 'membro',
	'command.inventory.member.description': 'De quem é o inventário (padrão: o seu)',
	'command.inventory.kind.name': 'tipo',
	'command.inventory.kind.description': 'O que mostrar (padrão: tudo)',
	'command.inventory.kind.choice.badges': 'emblemas',
	'command.inventory.kind.choice.gamepasses': 'passes de jogo',
	'command.inventory.kind.choice.collectibles': 'colecionáveis (limitados)',
	'command.inventory.kind.choice.wearables': 'acessórios e roupas',
	'command.inventory.kind.choice.all': 'tudo',

	'command.lookup.name': 'consultar',
	'command.lookup.description': 'Moderação: ver a conta do Roblox de um membro, ou quem está vinculado a uma conta',
	'command.lookup.member.name': 'membro',
	'command.lookup.member.description': 'A conta do Roblox de um membro e o que as regras dizem sobre ele',
	'command.lookup.member.member.name': 'membro',
	'command.lookup.member.member.description': 'O membro a consultar',
	'command.lookup.roblox.name': 'roblox',
	'command.lookup.roblox.description': 'O membro vinculado a uma conta do Roblox',
	'command.lookup.roblox.account.name': 'conta',
	'command.lookup.roblox.account.description': 'Nome de usuário ou ID no Roblox',

	'command.settings.name': 'ajustes',
	'command.settings.description': 'Configurações do Rolink neste servidor',
	'command.settings.show.name': 'ver',
	'command.settings.show.description': 'Mostrar as configurações atuais',
	'command.settings.set.name': 'definir',
	'command.settings.set.description': 'Mudar configurações (só mudam as opções que você informar)',
	'command.settings.set.verified-role.name': 'cargo-verificado',
	'command.settings.set.verified-role.description': 'Dado a todo membro vinculado',
	'command.settings.set.unverified-role.name': 'cargo-nao-verificado',
	'command.settings.set.unverified-role.description': 'Dado a quem ainda não se vinculou',
	'command.settings.set.audit-channel.name': 'canal-de-registro',
	'command.settings.set.audit-channel.description':
		'Onde o Rolink avisa sobre mudanças de cargo, vínculos e atualizações gerais',
	'command.settings.set.nickname-template.name': 'modelo-de-apelido',
	'command.settings.set.nickname-template.description':
		'Ex.: {smart-name}. Também {roblox-name} {display-name} {roblox-id} {discord-name} {group-rank}',
	'command.settings.set.auto-verify.name': 'verificar-ao-entrar',
	'command.settings.set.auto-verify.description': 'Atualizar os cargos de quem entra no servidor (padrão: ligado)',
	'command.settings.set.min-account-age.name': 'idade-minima-da-conta',
	'command.settings.set.min-account-age.description':
		'Dias que a conta do Roblox precisa ter para receber cargos (ela continua vinculada enquanto isso)',
	'command.settings.panel.name': 'painel',
	'command.settings.panel.description':
		'Publicar (ou mover, ou renovar) uma mensagem com um botão Verificar para todos',
	'command.settings.panel.channel.name': 'canal',
	'command.settings.panel.channel.description': 'Onde o painel fica (padrão: onde ele já está)',
	'command.settings.panel.text.name': 'texto',
	'command.settings.panel.text.description': 'O texto acima do botão',
	'command.settings.export.name': 'exportar',
	'command.settings.export.description': 'Baixar as configurações e regras num arquivo JSON (um backup)',
	'command.settings.import.name': 'importar',
	'command.settings.import.description':
		'Restaurar configurações e regras de um arquivo exportado (mostra uma prévia antes)',
	'command.settings.import.file.name': 'arquivo',
	'command.settings.import.file.description': 'Um arquivo de /ajustes exportar (JSON, até 1 MB)',
	'command.settings.clear.name': 'desligar',
	'command.settings.clear.description': 'Desligar uma configuração',
	'command.settings.clear.setting.name': 'configuracao',
	'command.settings.clear.setting.description': 'Qual configuração',
	'command.settings.clear.setting.choice.verified-role': 'cargo de verificado',
	'command.settings.clear.setting.choice.unverified-role': 'cargo de não verificado',
	'command.settings.clear.setting.choice.audit-channel': 'canal de registro',
	'command.settings.clear.setting.choice.nickname-template': 'modelo de apelido',
	'command.settings.clear.setting.choice.min-account-age': 'idade mínima da conta',

	'command.unlink.name': 'desvincular',
	'command.unlink.description': 'Desvincular sua conta do Discord da conta do Roblox (admins: a de outra pessoa)',
	'command.unlink.member.name': 'membro',
	'command.unlink.member.description': 'Outro membro a desvincular (precisa de Gerenciar servidor)',

	'command.update-all.name': 'atualizar-todos',
	'command.update-all.description': 'Conferir de novo os cargos de todos os membros deste servidor',

	'command.update.name': 'atualizar',
	'command.update.description': 'Atualizar seus cargos pelo que você tem no Roblox (moderação: de outra pessoa)',
	'command.update.member.name': 'membro',
	'command.update.member.description': 'Outro membro a atualizar (precisa de Gerenciar cargos)',

	'command.verify.name': 'verificar',
	'command.verify.description': 'Vincular sua conta do Roblox (ou atualizar seus cargos, se já estiver vinculado)',
	'command.verify.username.name': 'usuario',
	'command.verify.username.description': 'Seu nome de usuário ou ID no Roblox',
} satisfies Translation;
