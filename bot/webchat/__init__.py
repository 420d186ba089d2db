"""The web chat page (bot.webchat.channel.WebChatInput), served beside the REST channel."""
